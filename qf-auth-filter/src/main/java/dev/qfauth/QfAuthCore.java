package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The protocol, free of servlet types: starting and completing sign-ins, the back-end exchange,
 * session lookup with refresh, and logout. The servlet handlers translate HTTP to and from these
 * calls. Immutable after construction; per-user data lives only in the stores.
 */
final class QfAuthCore {
  private static final System.Logger LOG = System.getLogger(QfAuthCore.class.getName());

  /**
   * The idle window slides (and the session cookie is re-issued) once this fraction of it has
   * passed: at most one Set-Cookie and one store write per tenth of QF_SESSION_IDLE_MINUTES per
   * active session, and an idle user is signed out after 90 to 100 % of the window.
   */
  private static final long SLIDE_FRACTION = 10;

  private final QfAuthConfig config;
  private final HttpCalls http;
  private final Provider provider;
  private final TokenEndpoint tokens;
  private final IdTokenVerifier verifier;
  private final SessionStore store;
  private final LoginTransactions logins;
  private final Refresher refresher;
  private final BackChannelLogout backChannelLogout;
  private final OpsMetrics metrics;
  private final String fixedLoginQuery;
  // Read on every signed-in request: in milliseconds once, not converted per request.
  private final long leewayMillis;
  private final long idleMillis;
  private final long maxMillis;
  private final long slideEveryMillis;

  QfAuthCore(QfAuthConfig config) {
    this.config = config;
    this.http = new HttpCalls(config.connectTimeout(), config.requestTimeout());
    this.provider = new Provider(config, http);
    this.store =
        config.sessionStore() != null
            ? config.sessionStore()
            : new CaffeineSessionStore(
                config.maxSessions(), config.sessionIdleTimeout(), config.clock());
    this.metrics = OpsMetrics.load(config, store);
    this.tokens = new TokenEndpoint(config, provider, http, metrics);
    this.verifier =
        new IdTokenVerifier(provider, config.clientId(), config.clockSkew(), config.clock());
    this.logins =
        new LoginTransactions(config.maxPendingLogins(), config.loginTimeout(), config.clock());
    this.refresher = new Refresher(config, store, tokens, verifier, metrics);
    try {
      this.backChannelLogout =
          config.backchannelLogoutPath() == null
              ? null
              : new BackChannelLogout(config, verifier, store);
    } catch (QfConfigException e) {
      http.close(); // the filter never calls close() on a core it did not get
      throw e;
    }
    this.leewayMillis = config.refreshLeeway().toMillis();
    this.idleMillis = config.sessionIdleTimeout().toMillis();
    this.maxMillis = config.sessionAbsoluteTimeout().toMillis();
    this.slideEveryMillis = Math.max(1, idleMillis / SLIDE_FRACTION);
    // The same on every sign-in: encoded once, not per /login (qf-auth-bench AbCompare).
    this.fixedLoginQuery =
        "response_type=code"
            + "&client_id="
            + TokenEndpoint.form(config.clientId())
            + "&redirect_uri="
            + TokenEndpoint.form(config.redirectUri().toString())
            + "&scope="
            + TokenEndpoint.form(String.join(" ", config.scopes())).replace("+", "%20");
  }

  QfAuthConfig config() {
    return config;
  }

  HttpCalls http() {
    return http;
  }

  SessionStore store() {
    return store;
  }

  OpsMetrics metrics() {
    return metrics;
  }

  /** The back-channel logout, or {@code null} when QF_BACKCHANNEL_LOGOUT_PATH is not set. */
  BackChannelLogout backChannelLogout() {
    return backChannelLogout;
  }

  /** Tries discovery now so the first sign-in is fast; failure here is not fatal. */
  void warmUp() {
    try {
      provider.load();
    } catch (QfAuthException e) {
      // Logged by Provider; /login reports it and discovery is retried there.
    }
  }

  /**
   * Starts a sign-in: a fresh state, nonce and PKCE verifier, stored server-side before the browser
   * is sent away (guide, Step 2), bound to {@code browser}. {@code reauthenticate} asks QF for the
   * credentials even when its own session is alive ({@code prompt=login}, OIDC Core 3.1.2.1).
   *
   * @return the authorization URL to redirect to (already encoded)
   * @throws QfLoginException when the provider is unreachable
   */
  String beginLogin(String browser, String returnTo, boolean reauthenticate) {
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
   * Completes a sign-in. The pending login is consumed first, whatever happens next, so the code is
   * never redeemed twice. Nothing is stored unless every check passes.
   */
  SignedIn completeLogin(Callback callback, String browser) {
    if (callback.state() == null || callback.state().isEmpty()) {
      throw new QfLoginException(
          QfErrorCode.LOGIN_STATE_INVALID, "The sign-in response has no state parameter.");
    }
    LoginTransaction tx = logins.take(callback.state());
    if (tx == null) {
      throw new QfLoginException(
          QfErrorCode.LOGIN_STATE_INVALID,
          "The sign-in response's state matches no sign-in in progress (expired, already used, or"
              + " forged).");
    }
    // Login CSRF (RFC 6749 10.12): the response must return to the browser that started it.
    if (browser == null || !MessageDigest.isEqual(bytes(browser), bytes(tx.browser()))) {
      throw new QfLoginException(
          QfErrorCode.LOGIN_STATE_INVALID,
          "The sign-in response arrived in a different browser from the one that started it.");
    }
    if (callback.malformed() != null) {
      throw new QfLoginException(QfErrorCode.CALLBACK_INVALID, callback.malformed());
    }
    if (callback.error() != null) {
      String description =
          callback.errorDescription() == null
              ? ""
              : ": " + Redaction.printable(callback.errorDescription(), 200);
      throw new QfLoginException(
          QfErrorCode.LOGIN_DENIED,
          "Quran.Foundation returned " + Redaction.printable(callback.error(), 64) + description,
          Redaction.printable(callback.error(), 64),
          null);
    }
    ProviderMetadata metadata = provider.metadata();
    // RFC 9207 2.4: when present (or promised by discovery), iss must be our issuer (mix-up
    // defence).
    if (callback.iss() != null || metadata.issuerParameterSupported()) {
      if (!metadata.issuer().equals(callback.iss())) {
        throw new QfLoginException(
            QfErrorCode.CALLBACK_INVALID,
            "The sign-in response's iss parameter is not this provider.");
      }
    }
    if (callback.code() == null || callback.code().isEmpty()) {
      throw new QfLoginException(QfErrorCode.CALLBACK_INVALID, "The sign-in response has no code.");
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
      throw new QfLoginException(
          QfErrorCode.ID_TOKEN_INVALID,
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
    return Sessions.create(
        response, claims, config.clock().instant(), config.postLogoutRedirectUri() != null);
  }

  /** The session for {@code handle}, if any and not over (idle or past its maximum); no refresh. */
  Optional<QfSession> session(String handle) {
    return handle == null ? Optional.empty() : live(handle, config.clock().millis());
  }

  private Optional<QfSession> live(String handle, long nowMillis) {
    Optional<QfSession> found = store.get(config.environment(), handle);
    if (found.isPresent() && found.get().endedBy(nowMillis, idleMillis, maxMillis)) {
      // Whatever the store's own expiry: a session past its maximum is never served.
      store.remove(config.environment(), handle);
      LOG.log(Level.INFO, "QF session of sub {0} ended: idle or maximum age", found.get().sub());
      return Optional.empty();
    }
    return found;
  }

  /**
   * The session for a protected request: refreshed first when its access token is about to expire.
   * A refresh that fails for a passing reason keeps the session (the user stays signed in); a dead
   * grant ends it.
   */
  Optional<QfSession> activeSession(String handle) {
    long now = config.clock().millis();
    Optional<QfSession> found = live(handle, now);
    if (found.isEmpty()) {
      return found;
    }
    QfSession session = found.get();
    if (!session.refreshDue(now, leewayMillis)) {
      return found;
    }
    if (!session.refreshable()) {
      if (session.expiresWithin(now, 0)) {
        store.remove(config.environment(), handle);
        return Optional.empty();
      }
      return found;
    }
    try {
      return Optional.of(refresher.refresh(handle, session));
    } catch (QfTokenException e) {
      return e.sessionEnded() ? Optional.empty() : found;
    } catch (QfAuthException e) {
      return e.code() == QfErrorCode.LOGIN_REQUIRED ? Optional.empty() : found;
    }
  }

  /**
   * Slides the session's idle window when a tenth of it has passed since it last slid, so an active
   * user stays signed in while an idle one is signed out. Most requests only compare two numbers.
   *
   * @return how long the re-issued session cookie should live, or {@code null} when it need not be
   *     re-issued yet
   */
  Duration slideIdleWindow(String handle, QfSession session) {
    long now = config.clock().millis();
    if (!session.slideDue(now, slideEveryMillis)) {
      return null;
    }
    Instant at = Instant.ofEpochMilli(now);
    // Lost to a concurrent refresh or slide: the next request tries again.
    store.replace(config.environment(), handle, session, session.activeAt(at));
    return cookieLifetime(session, at);
  }

  /** The session cookie's Max-Age: one idle window, but never past the session's maximum. */
  Duration cookieLifetime(QfSession session, Instant now) {
    Duration idle = config.sessionIdleTimeout();
    if (session.signedInAt() == null) {
      return idle;
    }
    Duration left =
        Duration.between(now, session.signedInAt().plus(config.sessionAbsoluteTimeout()));
    return left.compareTo(idle) < 0 ? (left.isNegative() ? Duration.ZERO : left) : idle;
  }

  /**
   * For the API client: the session with an access token that is not about to expire, or, when an
   * early refresh fails for a passing reason, the current one while its token is still valid.
   *
   * @throws QfApiException {@link QfErrorCode#API_UNAUTHORIZED} when the session has ended; {@link
   *     QfErrorCode#TOKEN_REFRESH_FAILED} when the access token has expired and the refresh failed
   *     for a passing reason (the session is kept)
   */
  QfSession freshSession(String handle) {
    long now = config.clock().millis();
    QfSession session =
        live(handle, now)
            .orElseThrow(
                () ->
                    new QfApiException(
                        QfErrorCode.API_UNAUTHORIZED,
                        "The session has ended; sign in again.",
                        0,
                        null,
                        null,
                        null));
    if (!session.refreshable() || !session.refreshDue(now, leewayMillis)) {
      return session;
    }
    try {
      return refresher.refresh(handle, session);
    } catch (QfAuthException e) {
      boolean ended =
          e instanceof QfTokenException token
              ? token.sessionEnded()
              : e.code() == QfErrorCode.LOGIN_REQUIRED;
      if (ended) {
        throw new QfApiException(
            QfErrorCode.API_UNAUTHORIZED,
            "The session has ended (" + e.getMessage() + "); sign in again.",
            401,
            e.oauthError(),
            null,
            e);
      }
      if (!session.expiresWithin(config.clock().millis(), 0)) {
        return session; // an early refresh failed: the token still works
      }
      throw new QfApiException(
          QfErrorCode.TOKEN_REFRESH_FAILED,
          "The access token expired at "
              + session.accessTokenExpiresAt()
              + " and could not be refreshed ("
              + e.getMessage()
              + "); the session was kept",
          0,
          e.oauthError(),
          e.hint(),
          e);
    }
  }

  /**
   * After a 401 from an API, or just before expiry: one refresh (shared with concurrent callers).
   */
  QfSession refreshAfterRejection(String handle, QfSession rejected) {
    try {
      return refresher.refresh(handle, rejected);
    } catch (QfAuthException e) {
      throw new QfApiException(
          QfErrorCode.API_UNAUTHORIZED,
          "The API rejected the access token and it could not be refreshed ("
              + e.getMessage()
              + ")",
          401,
          e.oauthError(),
          null,
          e);
    }
  }

  /** Refresh for the exchange endpoint's companion: forced, single-flight. */
  QfSession refreshForApp(String handle) {
    QfSession session =
        session(handle)
            .orElseThrow(
                () -> new QfAuthException(QfErrorCode.LOGIN_REQUIRED, "Unknown or ended session."));
    // The app's refresh is its activity: it keeps the session's idle window sliding (no cookie).
    slideIdleWindow(handle, session);
    return refresher.refresh(handle, session);
  }

  QfUserContext context(String handle, QfSession session) {
    return new QfUserContext(config.environment(), session, this, handle);
  }

  /**
   * Ends the session: removes it, revokes the refresh token when configured, and returns the
   * provider's end-session URL when QF's own session should end too, else {@code null}.
   */
  URI logout(String handle) {
    Optional<QfSession> removed =
        handle == null ? Optional.empty() : store.remove(config.environment(), handle);
    if (removed.isEmpty()) {
      return null;
    }
    QfSession session = removed.get();
    if (config.revokeOnLogout() && session.refreshToken() != null) {
      tokens.revoke(session.refreshToken(), "refresh_token");
    }
    LOG.log(Level.INFO, "QF user {0} signed out", session.sub());
    if (config.postLogoutRedirectUri() == null || session.idToken() == null) {
      return null;
    }
    URI endSession;
    try {
      endSession = provider.metadata().endSessionEndpoint();
    } catch (QfAuthException e) {
      return null;
    }
    if (endSession == null) {
      return null;
    }
    // Hydra refuses post_logout_redirect_uri without id_token_hint; an expired hint is fine.
    String query =
        "id_token_hint="
            + TokenEndpoint.form(session.idToken().reveal())
            + "&post_logout_redirect_uri="
            + TokenEndpoint.form(config.postLogoutRedirectUri().toString())
            + "&state="
            + Randoms.token();
    return URI.create(endSession + (endSession.toString().contains("?") ? "&" : "?") + query);
  }

  /** Stops the HTTP threads, and closes a store that holds connections (qf-auth-redis). */
  void close() {
    http.close();
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Closing the session store failed: {0}", e.toString());
      }
    }
  }

  long pendingLogins() {
    return logins.size();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
