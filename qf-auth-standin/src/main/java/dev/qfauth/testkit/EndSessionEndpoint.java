package dev.qfauth.testkit;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * {@code /oauth2/sessions/logout}, RP-initiated logout with Hydra's rules
 * (consent/strategy_default.go): {@code post_logout_redirect_uri} or {@code state} without {@code
 * id_token_hint} is refused; the hint may be expired but must be ours, carry {@code sub} and {@code
 * sid}, and name a client whose registered post-logout URIs contain the requested one exactly. A
 * logout that is not refused ends the browser's stand-in login session; issued tokens stay valid,
 * as in Hydra.
 */
record EndSessionEndpoint(Signer signer, Registry registry, String issuer, LoginSessions sessions) {
  OAuth2HttpResponse handle(Form params, String cookieHeader) {
    OAuth2HttpResponse response = decide(params);
    if (response.getStatus() >= 400) {
      return response;
    }
    return Responses.withCookie(response, sessions.end(cookieHeader));
  }

  private OAuth2HttpResponse decide(Form params) {
    String hint = params.get("id_token_hint");
    String redirect = params.get("post_logout_redirect_uri");
    String state = params.get("state");
    if (hint == null) {
      if (redirect != null) {
        return refused(
            "query parameter post_logout_redirect_uri is set but id_token_hint is missing.");
      }
      if (state != null) {
        return refused("query parameter state is set but id_token_hint is missing.");
      }
      return LoginPage.signedOut();
    }
    JWTClaimsSet claims = signer.verifiedClaims(hint);
    if (claims == null) {
      return refused("the id_token_hint query parameter is not an ID token signed by this server.");
    }
    if (!issuer.equals(claims.getIssuer())) {
      return refused(
          "the id_token_hint was issued by '" + claims.getIssuer() + "', not '" + issuer + "'.");
    }
    if (claims.getSubject() == null || claims.getClaim("sid") == null) {
      return refused("the id_token_hint does not carry both a 'sub' and a 'sid' claim.");
    }
    if (redirect == null) {
      return LoginPage.signedOut();
    }
    List<String> audience = claims.getAudience();
    QfTestClient client = audience.isEmpty() ? null : registry.client(audience.get(0));
    if (client == null || !client.postLogoutRedirectUris().contains(redirect)) {
      return refused(
          "query parameter post_logout_redirect_uri is not a whitelisted as a"
              + " post_logout_redirect_uri for the client.");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("state", state);
    return Responses.redirect(Responses.withQuery(redirect, query));
  }

  private static OAuth2HttpResponse refused(String why) {
    return LoginPage.error(OAuthError.invalidRequest("Logout failed because " + why));
  }
}
