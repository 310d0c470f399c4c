package dev.qfauth.testkit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.Headers;

/**
 * {@code /userinfo}: takes {@code Authorization: Bearer} (not QF's x-auth-token), as Hydra does.
 */
final class UserInfoEndpoint {
  private final Grants grants;

  UserInfoEndpoint(Grants grants) {
    this.grants = grants;
  }

  OAuth2HttpResponse handle(String authorization) {
    String token = null;
    if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      token = authorization.substring(7).strip();
    }
    Grants.TokenInfo info = grants.activeAccessToken(token);
    if (info == null) {
      return withChallenge(OAuthError.invalidToken(null), "invalid_token");
    }
    if (!info.scopes().contains("openid")) {
      return withChallenge(
          OAuthError.insufficientScope("The access token was not granted the 'openid' scope."),
          "insufficient_scope");
    }
    QfTestUser user = info.user();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", user.sub());
    claims.putAll(user.profileClaims(info.scopes()));
    return Responses.json(200, claims);
  }

  private static OAuth2HttpResponse withChallenge(OAuthError error, String code) {
    OAuth2HttpResponse response = Responses.json(error.status(), error.toJson(false));
    Headers headers =
        response
            .getHeaders()
            .newBuilder()
            .add("WWW-Authenticate", "Bearer error=\"" + code + "\"")
            .build();
    return new OAuth2HttpResponse(headers, response.getStatus(), response.getBody(), null);
  }
}
