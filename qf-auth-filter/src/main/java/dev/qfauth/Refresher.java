package dev.qfauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Refreshes a session's tokens, single-flight per session: however many requests of one session ask
 * at once, one refresh reaches the token endpoint and the rest wait for its result. Hydra rotates
 * refresh tokens and treats reuse as theft, so a refresh token is never sent twice, and the rotated
 * set replaces the old one in a single store operation.
 *
 * <p>A refresh that fails without ending the session puts that session in back-off: growing
 * (doubling from 1 s), capped (30 s) and jittered (each wait between half and all of its step), as
 * the QF guide asks for 5xx. Until it passes, refreshes of the session fail at once without calling
 * QF, so an outage costs a handful of token calls instead of one per request, each holding a
 * thread.
 */
final class Refresher {
  private static final System.Logger LOG = System.getLogger(Refresher.class.getName());
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final QfAuthConfig config;
  private final SessionStore store;
  private final TokenEndpoint tokens;
  private final IdTokenVerifier verifier;
  private final Duration waitLimit;
  private final OpsMetrics metrics;
  private final ConcurrentHashMap<String, CompletableFuture<QfSession>> inFlight =
      new ConcurrentHashMap<>();

  /**
   * Sessions whose last refresh failed, by handle. Bounded like the session store; an entry lives
   * past its wait so the next failure waits longer, and is dropped on success.
   */
  private final Cache<String, Failures> failures;

  /** How often a session's refresh failed in a row, and when it may be tried again. */
  private record Failures(int count, long retryAtMillis, String lastError) {}

  Refresher(
      QfAuthConfig config, SessionStore store, TokenEndpoint tokens, IdTokenVerifier verifier) {
    this(config, store, tokens, verifier, OpsMetrics.NONE);
  }

  Refresher(
      QfAuthConfig config,
      SessionStore store,
      TokenEndpoint tokens,
      IdTokenVerifier verifier,
      OpsMetrics metrics) {
    this.metrics = metrics;
    this.config = config;
    this.store = store;
    this.tokens = tokens;
    this.verifier = verifier;
    // A waiter gives up a little after the leader's own HTTP deadline would have fired.
    this.waitLimit = config.requestTimeout().plusSeconds(5);
    this.failures =
        Caffeine.newBuilder()
            .maximumSize(config.maxSessions())
            .expireAfterWrite(MAX_BACKOFF.multipliedBy(2))
            .ticker(() -> config.clock().millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Returns a session whose tokens are newer than {@code seen}: either the result of a refresh this
   * call led, or of one another request led meanwhile.
   *
   * @throws QfTokenException when the refresh fails; on {@code invalid_grant} the session has been
   *     removed (the chain is revoked, the user must sign in again), otherwise it is kept. Also,
   *     without calling QF, while the session is in back-off after a failure
   * @throws QfAuthException with {@link QfErrorCode#LOGIN_REQUIRED} when the session is gone
   */
  QfSession refresh(String handle, QfSession seen) {
    Failures failed = failures.getIfPresent(handle);
    if (failed != null) {
      long wait = failed.retryAtMillis() - config.clock().millis();
      if (wait > 0) {
        throw backingOff(failed, wait);
      }
    }
    CompletableFuture<QfSession> mine = new CompletableFuture<>();
    CompletableFuture<QfSession> leader = inFlight.putIfAbsent(handle, mine);
    if (leader != null) {
      metrics.refreshWaited();
      return await(leader);
    }
    try {
      QfSession result = lead(handle, seen);
      mine.complete(result);
      return result;
    } catch (RuntimeException e) {
      metrics.refreshFailed(e instanceof QfAuthException qf ? qf.code() : null);
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
      response = tokens.refresh(current.refreshToken(), current.scopes());
    } catch (QfTokenException e) {
      if (e.sessionEnded()) {
        store.remove(env, handle);
        failures.invalidate(handle);
        LOG.log(Level.INFO, "QF session of sub {0} ended: refresh token rejected", current.sub());
      } else {
        backOff(handle, e);
      }
      throw e;
    }
    failures.invalidate(handle);
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
      // A request may have slid the idle window meanwhile: keep the later activity.
      if (expected.lastActiveAt() != null
          && (rotated.lastActiveAt() == null
              || expected.lastActiveAt().isAfter(rotated.lastActiveAt()))) {
        rotated = rotated.activeAt(expected.lastActiveAt());
      }
    }
    metrics.refreshSucceeded();
    return rotated;
  }

  /** Records a failed refresh that kept the session: its next try waits, longer each time. */
  private void backOff(String handle, QfTokenException e) {
    Failures before = failures.getIfPresent(handle);
    int count = before == null ? 1 : before.count() + 1;
    // 1, 2, 4, ... s, capped; a wait is drawn from the upper half of its step (jitter), so
    // sessions that failed together do not come back together.
    long step =
        Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(count - 1, 20));
    long wait = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    failures.put(handle, new Failures(count, config.clock().millis() + wait, e.getMessage()));
    LOG.log(
        Level.DEBUG,
        () -> "QF refresh failed " + count + " time(s) in a row; next try in " + wait + " ms");
  }

  private static QfTokenException backingOff(Failures failed, long waitMillis) {
    long seconds = Math.max(1, (waitMillis + 999) / 1000);
    return new QfTokenException(
        QfErrorCode.TOKEN_REFRESH_FAILED,
        failed.lastError()
            + "; not tried again for "
            + seconds
            + " s (back-off after "
            + failed.count()
            + " failure(s))",
        0,
        null,
        "Quran.Foundation's token service failed just now; the session was kept and the refresh is"
            + " tried again in "
            + seconds
            + " s.",
        null);
  }

  /**
   * OIDC Core 12.2: a refreshed ID token must verify and name the same user. When the keys to
   * verify it cannot be had (JWKS down, slow, or its refetch limit reached), the new tokens are
   * kept all the same, with the claims verified before: Hydra has rotated, the old refresh token is
   * spent, and an outage is no verdict on the token. The next refresh's ID token is verified
   * against those claims.
   */
  private QfSession rotate(QfSession current, TokenResponse response) {
    Map<String, Object> claims = current.claims();
    Secret idToken = current.idToken();
    if (response.idToken() != null) {
      JWTClaimsSet fresh;
      try {
        fresh = verifier.verify(response.idToken(), response.accessToken(), null);
      } catch (QfLoginException e) {
        if (e.code() == QfErrorCode.PROVIDER_UNAVAILABLE) {
          LOG.log(
              Level.WARNING,
              "QF refresh for sub {0}: new tokens kept, their ID token not verified yet ({1})",
              current.sub(),
              e.getMessage());
          return rotated(current, response, claims, idToken);
        }
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
      idToken = response.idToken();
    }
    return rotated(current, response, claims, idToken);
  }

  private QfSession rotated(
      QfSession current, TokenResponse response, Map<String, Object> claims, Secret idToken) {
    Instant now = config.clock().instant();
    return new QfSession(
        current.sub(),
        response.accessToken(),
        now.plusSeconds(response.expiresInSeconds()),
        response.refreshToken() != null ? response.refreshToken() : current.refreshToken(),
        // Kept only for logout's id_token_hint, as at sign-in (Sessions.create).
        config.postLogoutRedirectUri() == null ? null : idToken,
        response.scopes(),
        claims,
        now,
        current.signedInAt(),
        current.lastActiveAt());
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
