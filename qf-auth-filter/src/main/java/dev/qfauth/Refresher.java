package dev.qfauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import java.lang.System.Logger.Level;
import java.time.Duration;
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
 *
 * <p>When the store is also {@link RefreshLeases} (a cluster store), the single flight holds across
 * nodes too: the one request per node that would refresh first takes the session's lease in the
 * store ({@link RefreshLease}). Otherwise nothing of that runs.
 *
 * <p>New tokens the store does not take (it is down at that moment) are not dropped: Hydra has
 * already rotated, so losing them would end the session. The leader retries the write while its
 * lease runs, and after that this node keeps them ({@link RotatedSets}), serves them, and writes
 * them at the session's next refresh here, without calling QF again.
 */
final class Refresher {
  private static final System.Logger LOG = System.getLogger(Refresher.class.getName());
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final QfAuthConfig config;
  private final SessionStore store;
  private final TokenEndpoint tokens;
  private final IdTokenVerifier verifier;
  private final Sessions sessions;
  private final Duration waitLimit;
  private final RefreshLease lease; // null: one node, the single flight below is enough
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

  private final RotatedSets rotatedSets;

  Refresher(
      QfAuthConfig config,
      SessionStore store,
      TokenEndpoint tokens,
      IdTokenVerifier verifier,
      Sessions sessions,
      OpsMetrics metrics) {
    this.metrics = metrics;
    this.config = config;
    this.store = store;
    this.tokens = tokens;
    this.verifier = verifier;
    this.sessions = sessions;
    this.lease =
        store instanceof RefreshLeases leases ? new RefreshLease(leases, store, config) : null;
    // A waiter gives up a little after the leader's own HTTP deadline would have fired (and, in a
    // cluster, after the leader's wait for another node's lease).
    this.waitLimit =
        lease == null ? config.requestTimeout().plusSeconds(5) : lease.longestWait().plusSeconds(1);
    this.rotatedSets = new RotatedSets(config, store);
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
   * @throws TokenException when the refresh fails; on {@code invalid_grant} the session has been
   *     removed (the chain is revoked, the user must sign in again), otherwise it is kept. Also,
   *     without calling QF, while the session is in back-off after a failure
   * @throws QfAuthException with {@link QfErrorCode#LOGIN_REQUIRED} when the session is gone
   */
  QfSession refresh(String handle, QfSession seen) {
    QfSession kept = rotatedSets.saveKept(handle);
    if (kept != null) {
      return kept;
    }
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
      QfSession result =
          lease == null
              ? lead(handle, seen, System.nanoTime())
              : lease.refresh(handle, seen, this::lead);
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

  /**
   * @param retryWritesUntilNanos while a lease runs, a store that is down is retried until it ends
   *     ({@link System#nanoTime()}); without one, not at all
   */
  /**
   * The session as stored now, read again before a refresh (another request or node may have
   * rotated its tokens or ended it).
   *
   * @throws QfAuthException {@link QfErrorCode#LOGIN_REQUIRED} when it is gone
   */
  static QfSession stored(SessionStore store, QfEnvironment environment, String handle) {
    return store
        .get(environment, handle)
        .orElseThrow(
            () -> new QfAuthException(QfErrorCode.LOGIN_REQUIRED, "The session has ended."));
  }

  private QfSession lead(String handle, QfSession seen, long retryWritesUntilNanos) {
    QfEnvironment env = config.environment();
    QfSession current = stored(store, env, handle);
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
    } catch (TokenException e) {
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
    } catch (TokenException e) {
      // The provider rotated the refresh token but the new tokens are not trustworthy: ending the
      // session is the only safe move, since resending the spent token would revoke the chain.
      store.remove(env, handle);
      LOG.log(Level.WARNING, "QF session of sub {0} ended: {1}", current.sub(), e.getMessage());
      throw e;
    }
    QfSession saved = rotatedSets.save(handle, current, rotated, retryWritesUntilNanos);
    metrics.refreshSucceeded();
    return saved;
  }

  /** Records a failed refresh that kept the session: its next try waits, longer each time. */
  private void backOff(String handle, TokenException e) {
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

  private static TokenException backingOff(Failures failed, long waitMillis) {
    long seconds = Math.max(1, (waitMillis + 999) / 1000);
    return TokenException.unanswered(
        QfErrorCode.TOKEN_REFRESH_FAILED,
        failed.lastError()
            + "; not tried again for "
            + seconds
            + " s (back-off after "
            + failed.count()
            + " failure(s))",
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
      } catch (SignInException e) {
        if (e.code() == QfErrorCode.PROVIDER_UNAVAILABLE) {
          LOG.log(
              Level.WARNING,
              "QF refresh for sub {0}: new tokens kept, their ID token not verified yet ({1})",
              current.sub(),
              e.getMessage());
          return sessions.refreshed(current, response, claims, idToken);
        }
        throw TokenException.spent(
            QfErrorCode.TOKEN_REFRESH_FAILED,
            TokenEndpoint.REFRESH_FAILED + ": " + e.getMessage(),
            200,
            e.hint());
      }
      // OIDC Core 12.2: same iss, aud and azp (the verifier pins those to the issuer and this
      // client), same sub, and auth_time still the original authentication's.
      Object originalAuthTime = current.claims().get("auth_time");
      Object freshAuthTime = fresh.getClaim("auth_time");
      if (originalAuthTime != null
          && freshAuthTime != null
          && !String.valueOf(originalAuthTime).equals(String.valueOf(freshAuthTime))) {
        throw TokenException.spent(
            QfErrorCode.TOKEN_REFRESH_FAILED,
            TokenEndpoint.REFRESH_FAILED + ": the refreshed ID token changed auth_time",
            200,
            "Sign in again.");
      }
      if (!current.sub().equals(fresh.getSubject())) {
        throw TokenException.spent(
            QfErrorCode.TOKEN_REFRESH_FAILED,
            TokenEndpoint.REFRESH_FAILED + ": the refreshed ID token names another user",
            200,
            "Sign in again.");
      }
      claims = IdTokenClaims.of(response.idToken(), fresh);
      idToken = response.idToken();
    }
    return sessions.refreshed(current, response, claims, idToken);
  }

  private QfSession await(CompletableFuture<QfSession> leader) {
    try {
      return leader.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw TokenException.unanswered(
          QfErrorCode.TOKEN_REFRESH_FAILED, TokenEndpoint.REFRESH_FAILED, null, e.getCause());
    } catch (TimeoutException e) {
      throw TokenException.unanswered(
          QfErrorCode.TOKEN_REFRESH_FAILED,
          TokenEndpoint.REFRESH_FAILED + ": timed out waiting for a refresh in progress",
          null,
          null);
    } catch (InterruptedException e) {
      throw TokenException.refreshInterrupted(e);
    }
  }

  /** For tests: refreshes in progress. */
  int inFlight() {
    return inFlight.size();
  }
}
