package dev.qfauth.testkit;

import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * {@code POST /oauth2/revoke} (RFC 7009): authenticates the client like the token endpoint, then
 * revokes the whole chain of the token, access and refresh tokens alike. Unknown tokens get 200.
 */
record RevocationEndpoint(ClientAuthenticator authenticator, Grants grants, boolean legacyErrors) {
  OAuth2HttpResponse handle(String method, String authorization, Form form) {
    if (!"POST".equals(method)) {
      return error(OAuthError.invalidRequest("HTTP method is '" + method + "', expected 'POST'."));
    }
    ClientAuthenticator.Result auth = authenticator.authenticate(authorization, form);
    if (auth.error() != null) {
      return error(auth.error());
    }
    String token = form.get("token");
    if (token == null) {
      return error(OAuthError.invalidRequest("The 'token' parameter is missing."));
    }
    OAuthError refused = grants.revoke(auth.client(), token);
    return refused == null ? Responses.empty(200) : error(refused);
  }

  private OAuth2HttpResponse error(OAuthError error) {
    return Responses.oauthError(error, legacyErrors);
  }
}
