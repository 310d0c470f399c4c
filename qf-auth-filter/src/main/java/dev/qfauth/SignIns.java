package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Signs users in: starts a sign-in (the authorization URL), completes it from the callback, and
 * completes an app's sign-in through the back-end exchange; each ends in a verified session in the
 * store under a new handle. Free of servlet types; the handlers translate HTTP to and from these
 * calls. Thread-safe; per-user data lives only in the stores. Made by {@link #of}, which works out
 * the two components that follow from the others.
 *
 * @param logins the pending sign-ins, this part's alone: kept in the store when it keeps them, else
 *     in this JVM
 * @param fixedLoginQuery the authorization request's parameters that are the same on every sign-in,
 *     encoded once rather than per {@code /login} (qf-auth-bench AbCompare)
 */
record SignIns(
    QfAuthConfig config,
    Provider provider,
    TokenEndpoint tokens,
    IdTokenVerifier verifier,
    SessionStore store,
    Sessions sessions,
    LoginTransactions logins,
    String fixedLoginQuery) {
  private static final System.Logger LOG = System.getLogger(SignIns.class.getName());

  static SignIns of(
      QfAuthConfig config,
      Provider provider,
      TokenEndpoint tokens,
      IdTokenVerifier verifier,
      SessionStore store,
      Sessions sessions) {
    String fixedLoginQuery =
        "response_type=code"
            + "&client_id="
            + TokenEndpoint.form(config.clientId())
            + "&redirect_uri="
            + TokenEndpoint.form(config.redirectUri().toString())
            + "&scope="
            + TokenEndpoint.form(String.join(" ", config.scopes())).replace("+", "%20");
    return new SignIns(
        config,
        provider,
        tokens,
        verifier,
        store,
        sessions,
        LoginTransactions.forStore(config, store),
        fixedLoginQuery);
  }

  /** The authorization response parameters (RFC 6749 4.1.2 / 4.1.2.1, RFC 9207). */
  record Callback(
      String state,
      String code,
      String error,
      String errorDescription,
      String iss,
      String malformed) {}

  /** A completed sign-in: the new session's handle and where to send the browser. */
  record SignedIn(String handle, QfSession session, String returnTo) {}

  /**
   * Starts a sign-in: a fresh state, nonce and PKCE verifier, stored server-side before the browser
   * is sent away (guide, Step 2), bound to {@code browser}. {@code reauthenticate} asks QF for the
   * credentials even when its own session is alive ({@code prompt=login}, OIDC Core 3.1.2.1).
   *
   * @return the authorization URL to redirect to (already encoded)
   * @throws QfAuthException {@link QfErrorCode#PROVIDER_UNAVAILABLE} when the provider is
   *     unreachable
   */
  String begin(String browser, String returnTo, boolean reauthenticate) {
    ProviderMetadata metadata = provider.metadata();
    LoginTransaction tx =
        new LoginTransaction(
            Randoms.token(),
            Randoms.token(),
            Secret.of(Randoms.codeVerifier()),
            browser,
            returnTo,
            config.clock().instant());
    logins.put(tx);
    String base = metadata.authorizationEndpoint().toString();
    // Kept as text, not re-parsed into a URI (a sixth of /login): every part is already encoded.
    String url =
        base
            + (base.contains("?") ? "&" : "?")
            + fixedLoginQuery
            + "&state="
            + tx.state()
            + "&nonce="
            + tx.nonce()
            + "&code_challenge="
            + Randoms.codeChallenge(tx.codeVerifier().reveal())
            + "&code_challenge_method=S256"
            + (reauthenticate ? "&prompt=login" : "");
    LOG.log(Level.DEBUG, () -> "QF sign-in started, state tag " + Redaction.tag(tx.state()));
    return url;
  }

  /**
   * Completes a sign-in. The pending login is consumed first, whatever happens next, so the code is
   * never redeemed twice. Nothing is stored unless every check passes.
   */
  SignedIn complete(Callback callback, String browser) {
    if (callback.state() == null || callback.state().isEmpty()) {
      throw SignInException.stateInvalid("The sign-in response has no state parameter.");
    }
    LoginTransaction tx = logins.take(callback.state());
    if (tx == null) {
      throw SignInException.stateInvalid(
          "The sign-in response's state matches no sign-in in progress (expired, already used, or"
              + " forged).");
    }
    // Login CSRF (RFC 6749 10.12): the response must return to the browser that started it.
    if (browser == null || !MessageDigest.isEqual(bytes(browser), bytes(tx.browser()))) {
      throw SignInException.stateInvalid(
          "The sign-in response arrived in a different browser from the one that started it.");
    }
    if (callback.malformed() != null) {
      throw SignInException.callbackInvalid(callback.malformed());
    }
    if (callback.error() != null) {
      throw SignInException.denied(callback.error(), callback.errorDescription());
    }
    ProviderMetadata metadata = provider.metadata();
    // RFC 9207 2.4: when present (or promised by discovery), iss must be our issuer (mix-up
    // defence).
    if (callback.iss() != null || metadata.issuerParameterSupported()) {
      if (!metadata.issuer().equals(callback.iss())) {
        throw SignInException.callbackInvalid(
            "The sign-in response's iss parameter is not this provider.");
      }
    }
    if (callback.code() == null || callback.code().isEmpty()) {
      throw SignInException.callbackInvalid("The sign-in response has no code.");
    }
    TokenResponse response =
        tokens.exchange(callback.code(), config.redirectUri(), tx.codeVerifier());
    QfSession session = verifiedSession(response, tx.nonce());
    String handle = Randoms.token();
    store.put(config.environment(), handle, session);
    LOG.log(Level.INFO, "QF user {0} signed in ({1})", session.sub(), config.environment());
    return new SignedIn(handle, session, tx.returnTo());
  }

  /**
   * The guide's back-end exchange for native and SPA apps: the app did the browser part (with its
   * own PKCE pair) and hands over code and verifier; the secret stays here, and so does the refresh
   * token.
   */
  SignedIn exchangeForApp(String code, String codeVerifier, URI redirectUri, String nonce) {
    TokenResponse response = tokens.exchangeForApp(code, redirectUri, Secret.of(codeVerifier));
    QfSession session = verifiedSession(response, nonce);
    String handle = Randoms.token();
    store.put(config.environment(), handle, session);
    LOG.log(Level.INFO, "QF user {0} signed in through the exchange endpoint", session.sub());
    return new SignedIn(handle, session, null);
  }

  private QfSession verifiedSession(TokenResponse response, String expectedNonce) {
    if (response.idToken() == null) {
      throw SignInException.idTokenInvalid(
          "The token response has no ID token (is 'openid' granted?).");
    }
    JWTClaimsSet claims =
        verifier.verify(response.idToken(), response.accessToken(), expectedNonce);
    if (!response.scopes().contains("offline_access")
        && config.scopes().contains("offline_access")) {
      LOG.log(
          Level.WARNING,
          "QF did not grant offline_access: the user must sign in again when the access token expires");
    }
    return sessions.signedIn(response, claims);
  }

  /** Sign-ins started and not yet completed (for measurements and tests). */
  long pending() {
    return logins.size();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Names no part: what a pluggable store prints is not this record's to vouch for. */
  @Override
  public String toString() {
    return "SignIns[" + config.environment() + "]";
  }
}
