package dev.qfauth.testkit;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/** {@code POST /oauth2/token}: client authentication, the two grants, and injected failures. */
record TokenEndpoint(
    ClientAuthenticator authenticator, Grants grants, Controls controls, boolean legacyErrors) {
  private static final System.Logger LOG = System.getLogger(TokenEndpoint.class.getName());

  OAuth2HttpResponse handle(String method, String contentType, String authorization, Form form) {
    QfTokenFailure failure = controls.takeTokenFailure();
    if (failure == null) {
      return process(method, contentType, authorization, form);
    }
    LOG.log(Level.DEBUG, "token call answered with injected {0}", failure);
    return switch (failure.kind()) {
      case OAUTH_ERROR ->
          Responses.oauthError(
              new OAuthError(
                  failure.error(),
                  "Injected by QfStandIn.failNextTokenCall.",
                  failure.status(),
                  null),
              legacyErrors);
      case HTTP_STATUS -> gatewayPage(failure.status());
      case MALFORMED_JSON ->
          Responses.raw(200, "application/json; charset=utf-8", "{\"access_token\":\"");
      case LOST_RESPONSE -> {
        process(method, contentType, authorization, form);
        yield gatewayPage(failure.status());
      }
      case DELAY ->
          controls.delay(failure.delayDuration())
              ? process(method, contentType, authorization, form)
              : gatewayPage(503);
    };
  }

  private OAuth2HttpResponse process(
      String method, String contentType, String authorization, Form form) {
    if (!"POST".equals(method)) {
      return error(OAuthError.invalidRequest("HTTP method is '" + method + "', expected 'POST'."));
    }
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return error(
          OAuthError.invalidRequest(
              "The request body must be 'application/x-www-form-urlencoded'."));
    }
    ClientAuthenticator.Result auth = authenticator.authenticate(authorization, form);
    if (auth.error() != null) {
      return error(auth.error());
    }
    String grantType = form.get("grant_type");
    Grants.Outcome outcome;
    if (grantType == null) {
      return error(OAuthError.invalidRequest("The 'grant_type' parameter is missing."));
    } else if (grantType.equals("authorization_code")) {
      outcome =
          grants.redeem(
              auth.client(), form.get("code"), form.get("redirect_uri"), form.get("code_verifier"));
    } else if (grantType.equals("refresh_token")) {
      outcome = grants.refresh(auth.client(), form.get("refresh_token"), form.get("scope"));
    } else {
      return error(
          OAuthError.unsupportedGrantType(
              "The stand-in supports only 'authorization_code' and 'refresh_token'."));
    }
    if (outcome.error() != null) {
      LOG.log(
          Level.DEBUG,
          "token call for client {0} refused: {1}",
          auth.client().clientId(),
          outcome.error().error());
      return error(outcome.error());
    }
    return Responses.json(200, tokenJson(outcome.issued()));
  }

  private static Map<String, Object> tokenJson(Grants.Issued issued) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("access_token", issued.accessToken());
    json.put("expires_in", issued.expiresIn());
    if (issued.idToken() != null) {
      json.put("id_token", issued.idToken());
    }
    if (issued.refreshToken() != null) {
      json.put("refresh_token", issued.refreshToken());
    }
    json.put("scope", Scopes.join(issued.scopes()));
    json.put("token_type", "bearer");
    return json;
  }

  private OAuth2HttpResponse error(OAuthError error) {
    return Responses.oauthError(error, legacyErrors);
  }

  private static OAuth2HttpResponse gatewayPage(int status) {
    return Responses.html(
        status, "<html><body><h1>" + status + "</h1><p>Injected by QfStandIn.</p></body></html>");
  }
}
