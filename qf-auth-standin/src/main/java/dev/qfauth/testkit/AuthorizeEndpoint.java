package dev.qfauth.testkit;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * {@code GET /oauth2/auth} and the sign-in page it shows ({@code POST /login}). Validation follows
 * fosite: client and redirect URI problems are shown as a page (never redirected, RFC 6749
 * 4.1.2.1); every later problem is redirected back with {@code error} and {@code state}. A sign-in
 * at the page is remembered ({@link LoginSessions}) and re-used silently by the next request from
 * that browser, unless it asks for {@code prompt=login}.
 */
record AuthorizeEndpoint(
    Registry registry, Grants grants, Controls controls, LoginSessions sessions) {
  private static final System.Logger LOG = System.getLogger(AuthorizeEndpoint.class.getName());
  private static final int MIN_ENTROPY = 8; // fosite MinParameterEntropy

  /** A validated authorization request waiting for the tester to pick a user. */
  record Pending(
      QfTestClient client,
      String redirectUri,
      boolean redirectUriSent,
      String state,
      String nonce,
      List<String> scopes,
      String codeChallenge,
      Instant expiresAt) {}

  OAuth2HttpResponse authorize(Form query, String cookieHeader) {
    QfTestClient client = registry.client(query.get("client_id"));
    if (client == null) {
      return LoginPage.error(
          OAuthError.invalidClient("The requested OAuth 2.0 Client does not exist."));
    }
    String redirectUri = query.get("redirect_uri");
    boolean sent = redirectUri != null;
    if (!sent && client.redirectUris().size() == 1) {
      redirectUri = client.redirectUris().get(0);
    } else if (!sent) {
      return LoginPage.error(
          OAuthError.invalidRequest(
              "The 'redirect_uri' parameter is required when the client has several redirect"
                  + " URIs."));
    } else if (!client.redirectUris().contains(redirectUri)) {
      return LoginPage.error(
          OAuthError.invalidRequest(
              "The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's"
                  + " pre-registered redirect urls."));
    }
    String state = query.get("state");
    OAuthError invalid = validate(client, query, state);
    if (invalid != null) {
      return redirectError(redirectUri, state, invalid);
    }
    Pending request =
        new Pending(
            client,
            redirectUri,
            sent,
            state,
            query.get("nonce"),
            Scopes.parse(query.get("scope")),
            query.get("code_challenge"),
            sessions.challengeDeadline());
    return decide(request, query, cookieHeader);
  }

  private OAuthError validate(QfTestClient client, Form query, String state) {
    if (!"code".equals(query.get("response_type"))) {
      return OAuthError.unsupportedResponseType("The stand-in supports only response_type=code.");
    }
    String mode = query.get("response_mode");
    if (mode != null && !mode.equals("query")) {
      return OAuthError.unsupportedResponseMode(
          "The stand-in answers only with response_mode=query.");
    }
    if (state == null || state.length() < MIN_ENTROPY) {
      return OAuthError.invalidState(
          "Request parameter 'state' must be at least be 8 characters long to ensure sufficient"
              + " entropy.");
    }
    for (String scope : Scopes.parse(query.get("scope"))) {
      if (!Scopes.covers(client.scopes(), scope)) {
        return OAuthError.invalidScope(
            "The OAuth 2.0 Client is not allowed to request scope '" + scope + "'.");
      }
    }
    String nonce = query.get("nonce");
    if (nonce != null && nonce.length() < MIN_ENTROPY) {
      return OAuthError.insufficientEntropy(
          "Parameter 'nonce' is set but does not satisfy the minimum entropy of 8 characters.");
    }
    String challenge = query.get("code_challenge");
    if (challenge == null && client.isPublic()) {
      return OAuthError.invalidRequest(
          "Clients must include a code_challenge when performing the authorize code flow, but it is"
              + " missing.");
    }
    if (challenge != null && !"S256".equals(query.get("code_challenge_method"))) {
      // An absent method means "plain" (RFC 7636 4.3), which Hydra refuses by default.
      return OAuthError.invalidRequest(
          "Clients must use code_challenge_method=S256, plain is not allowed.");
    }
    return null;
  }

  private OAuth2HttpResponse decide(Pending request, Form query, String cookieHeader) {
    if (controls.takeDenyNextLogin()) {
      return redirectError(request, OAuthError.accessDenied("The user denied the request."));
    }
    String auto = controls.takeAutoLogin();
    if (auto != null) {
      return approve(request, registry.userOrNew(auto));
    }
    // OIDC Core 3.1.2.1: prompt=login re-authenticates even when a session exists.
    if ("login".equals(query.get("prompt"))) {
      return showLoginPage(request, query.get("login_hint"), null);
    }
    QfTestUser hinted = registry.user(query.get("login_hint"));
    if (hinted != null) {
      return approve(request, hinted);
    }
    QfTestUser remembered = sessions.user(cookieHeader);
    if (remembered != null) {
      return approve(request, remembered);
    }
    if ("none".equals(query.get("prompt"))) {
      return redirectError(
          request,
          OAuthError.loginRequired(
              "Prompt 'none' was requested, but this browser has no stand-in login session."));
    }
    return showLoginPage(request, query.get("login_hint"), null);
  }

  OAuth2HttpResponse login(Form form) {
    Pending request = sessions.take(form.get("login_challenge"));
    if (request == null) {
      return LoginPage.error(
          OAuthError.invalidRequest(
              "The sign-in request expired or was already used. Start again from the"
                  + " application."));
    }
    if ("deny".equals(form.get("action"))) {
      return redirectError(request, OAuthError.accessDenied("The user denied the request."));
    }
    String username = form.get("user") != null ? form.get("user") : form.get("username");
    if (username == null || username.isBlank()) {
      return showLoginPage(request, null, "Type a user name or pick one of the users.");
    }
    QfTestUser user;
    try {
      user = registry.userOrNew(username);
    } catch (IllegalArgumentException e) {
      return showLoginPage(request, null, e.getMessage());
    }
    return Responses.withCookie(approve(request, user), sessions.start(user));
  }

  private OAuth2HttpResponse showLoginPage(Pending request, String prefill, String problem) {
    String challenge = sessions.park(request);
    return Responses.html(
        200, LoginPage.render(request, challenge, registry.users(), prefill, problem));
  }

  private OAuth2HttpResponse approve(Pending request, QfTestUser user) {
    List<String> granted = new ArrayList<>();
    for (String scope : request.scopes()) {
      if (user.grants(scope)) {
        granted.add(scope);
      }
    }
    String code =
        grants.approve(
            request.client(),
            user,
            granted,
            request.nonce(),
            request.redirectUriSent() ? request.redirectUri() : null,
            request.codeChallenge());
    LOG.log(
        Level.DEBUG, "login approved: sub={0} client={1}", user.sub(), request.client().clientId());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    params.put("scope", Scopes.join(granted));
    params.put("state", request.state());
    return Responses.redirect(Responses.withQuery(request.redirectUri(), params));
  }

  private static OAuth2HttpResponse redirectError(Pending request, OAuthError error) {
    return redirectError(request.redirectUri(), request.state(), error);
  }

  private static OAuth2HttpResponse redirectError(
      String redirectUri, String state, OAuthError error) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error.error());
    params.put("error_description", error.fullDescription());
    params.put("state", state);
    return Responses.redirect(Responses.withQuery(redirectUri, params));
  }
}
