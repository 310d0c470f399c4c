package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Refreshes a session's tokens, single-flight per session: however many requests of one session ask
 * at once, one refresh reaches the token endpoint and the rest wait for its result. Hydra rotates
 * refresh tokens and treats reuse as theft, so a refresh token is never sent twice, and the rotated
 * set replaces the old one in a single store operation.
 */
final class Refresher {
  private static final System.Logger LOG = System.getLogger(Refresher.class.getName());

  private final QfAuthConfig config;
  private final SessionStore store;
  private final TokenEndpoint tokens;
  private final IdTokenVerifier verifier;
  private final Duration waitLimit;
  private final ConcurrentHashMap<String, CompletableFuture<QfSession>> inFlight =
      new ConcurrentHashMap<>();

  Refresher(
      QfAuthConfig config, SessionStore store, TokenEndpoint tokens, IdTokenVerifier verifier) {
    this.config = config;
    this.store = store;
    this.tokens = tokens;
    this.verifier = verifier;
    // A waiter gives up a little after the leader's own HTTP deadline would have fired.
    this.waitLimit = config.requestTimeout().plusSeconds(5);
  }

  /**
   * Returns a session whose tokens are newer than {@code seen}: either the result of a refresh this
   * call led, or of one another request led meanwhile.
   *
   * @throws QfTokenException when the refresh fails; on {@code invalid_grant} the session has been
   *     removed (the chain is revoked, the user must sign in again), otherwise it is kept
   * @throws QfAuthException with {@link QfErrorCode#LOGIN_REQUIRED} when the session is gone
   */
  QfSession refresh(String handle, QfSession seen) {
    CompletableFuture<QfSession> mine = new CompletableFuture<>();
    CompletableFuture<QfSession> leader = inFlight.putIfAbsent(handle, mine);
    if (leader != null) {
      return await(leader);
    }
    try {
      QfSession result = lead(handle, seen);
      mine.complete(result);
      return result;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(handle, mine);
    }
  }

  private QfSession lead(String handle, QfSession seen) {
    QfEnvironment env = config.environment();
    QfSession current =
        store
            .get(env, handle)
            .orElseThrow(
                () -> new QfAuthException(QfErrorCode.LOGIN_REQUIRED, "The session has ended."));
    // Another request (or node) may have rotated the tokens since our caller read them.
    if (!current.accessToken().equals(seen.accessToken())) {
      return current;
    }
    if (!current.refreshable()) {
      throw new QfAuthException(
          QfErrorCode.LOGIN_REQUIRED,
          "The access token expired and no refresh token was granted (request offline_access).");
    }
    TokenResponse response;
    try {
      response = tokens.refresh(current.refreshToken());
    } catch (QfTokenException e) {
      if (e.sessionEnded()) {
        store.remove(env, handle);
        LOG.log(Level.INFO, "QF session of sub {0} ended: refresh token rejected", current.sub());
      }
      throw e;
    }
    QfSession rotated;
    try {
      rotated = rotate(current, response);
    } catch (QfTokenException e) {
      // The provider rotated the refresh token but the new tokens are not trustworthy: ending the
      // session is the only safe move, since resending the spent token would revoke the chain.
      store.remove(env, handle);
      LOG.log(Level.WARNING, "QF session of sub {0} ended: {1}", current.sub(), e.getMessage());
      throw e;
    }
    // The old refresh token is spent either way, so the newest set we hold replaces whatever is
    // stored now; but never re-create a session that logout removed while we were refreshing.
    QfSession expected = current;
    while (!store.replace(env, handle, expected, rotated)) {
      java.util.Optional<QfSession> now = store.get(env, handle);
      if (now.isEmpty()) {
        throw new QfAuthException(
            QfErrorCode.LOGIN_REQUIRED, "The session ended during a refresh.");
      }
      expected = now.get();
    }
    return rotated;
  }

  /** OIDC Core 12.2: a refreshed ID token must verify and name the same user. */
  private QfSession rotate(QfSession current, TokenResponse response) {
    java.util.Map<String, Object> claims = current.claims();
    if (response.idToken() != null) {
      JWTClaimsSet fresh;
      try {
        fresh = verifier.verify(response.idToken(), response.accessToken(), null);
      } catch (QfLoginException e) {
        throw new QfTokenException(
            QfErrorCode.TOKEN_REFRESH_FAILED,
            TokenEndpoint.REFRESH_FAILED + ": " + e.getMessage(),
            200,
            null,
            e.hint(),
            null,
            true);
      }
      // OIDC Core 12.2: same iss, aud and azp (the verifier pins those to the issuer and this
      // client), same sub, and auth_time still the original authentication's.
      Object originalAuthTime = current.claims().get("auth_time");
      Object freshAuthTime = fresh.getClaim("auth_time");
      if (originalAuthTime != null
          && freshAuthTime != null
          && !String.valueOf(originalAuthTime).equals(String.valueOf(freshAuthTime))) {
        throw new QfTokenException(
            QfErrorCode.TOKEN_REFRESH_FAILED,
            TokenEndpoint.REFRESH_FAILED + ": the refreshed ID token changed auth_time",
            200,
            null,
            "Sign in again.",
            null,
            true);
      }
      if (!current.sub().equals(fresh.getSubject())) {
        throw new QfTokenException(
            QfErrorCode.TOKEN_REFRESH_FAILED,
            TokenEndpoint.REFRESH_FAILED + ": the refreshed ID token names another user",
            200,
            null,
            "Sign in again.",
            null,
            true);
      }
      claims = Sessions.userClaims(fresh);
    }
    return new QfSession(
        current.sub(),
        response.accessToken(),
        config.clock().instant().plusSeconds(response.expiresInSeconds()),
        response.refreshToken() != null ? response.refreshToken() : current.refreshToken(),
        // Kept only for logout's id_token_hint, as at sign-in (Sessions.create).
        config.postLogoutRedirectUri() == null
            ? null
            : response.idToken() != null ? response.idToken() : current.idToken(),
        response.scopes(),
        claims);
  }

  private QfSession await(CompletableFuture<QfSession> leader) {
    try {
      return leader.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new QfTokenException(
          QfErrorCode.TOKEN_REFRESH_FAILED,
          TokenEndpoint.REFRESH_FAILED,
          0,
          null,
          null,
          e.getCause());
    } catch (TimeoutException e) {
      throw new QfTokenException(
          QfErrorCode.TOKEN_REFRESH_FAILED,
          TokenEndpoint.REFRESH_FAILED + ": timed out waiting for a refresh in progress",
          0,
          null,
          null,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QfTokenException(
          QfErrorCode.TOKEN_REFRESH_FAILED,
          TokenEndpoint.REFRESH_FAILED + ": interrupted",
          0,
          null,
          null,
          null);
    }
  }

  /** For tests: refreshes in progress. */
  int inFlight() {
    return inFlight.size();
  }
}
