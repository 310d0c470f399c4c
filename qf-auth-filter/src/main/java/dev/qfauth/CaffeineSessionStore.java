package dev.qfauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default {@link SessionStore}: one bounded Caffeine cache per environment, so a pre-live
 * session can never be served for production. Sessions unused for the idle timeout are dropped, and
 * the least valuable are evicted past the size bound.
 *
 * <p>Thread-safe. Lives in one JVM; a cluster needs a shared store. Package-private: the filter
 * builds it when no other store is configured, and no host code needs to name it.
 */
final class CaffeineSessionStore implements SessionStore {
  private final Map<QfEnvironment, Cache<String, QfSession>> caches =
      new EnumMap<>(QfEnvironment.class);
  private final Cache<String, Boolean> logoutTokens;

  /**
   * @param maxSessions the most sessions kept per environment
   * @param idleTimeout how long an unused session is kept
   * @param clock the time source (its reading drives expiry, so tests can move it)
   */
  CaffeineSessionStore(long maxSessions, Duration idleTimeout, Clock clock) {
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.logoutTokens =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(IdTokenVerifier.MAX_AGE.multipliedBy(2))
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
    for (QfEnvironment env : QfEnvironment.values()) {
      caches.put(
          env,
          Caffeine.newBuilder()
              .maximumSize(maxSessions)
              .expireAfterAccess(idleTimeout)
              .ticker(ticker)
              // Upkeep on the caller's thread, under Caffeine's tryLock: handing it to the common
              // pool woke a thread every few reads, a measurable part of a signed-in request
              // (qf-auth-bench duets).
              .executor(Runnable::run)
              .build());
    }
  }

  @Override
  public Optional<QfSession> get(QfEnvironment environment, String handle) {
    return Optional.ofNullable(caches.get(environment).getIfPresent(handle));
  }

  @Override
  public void put(QfEnvironment environment, String handle, QfSession session) {
    caches.get(environment).put(handle, session);
  }

  @Override
  public boolean replace(
      QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
    return caches.get(environment).asMap().replace(handle, expected, replacement);
  }

  @Override
  public Optional<QfSession> remove(QfEnvironment environment, String handle) {
    return Optional.ofNullable(caches.get(environment).asMap().remove(handle));
  }

  @Override
  public boolean supportsBackChannelLogout() {
    return true;
  }

  /**
   * A scan of this environment's sessions, not an index: back-channel logouts are rare, and an
   * index would cost every sign-in a write and every session a few entries more.
   */
  @Override
  public int removeSessionsOfUser(QfEnvironment environment, String sub, String sid) {
    int[] ended = {0};
    caches
        .get(environment)
        .asMap()
        .forEach(
            (handle, session) -> {
              if (ofUser(session, sub, sid)
                  && caches.get(environment).asMap().remove(handle, session)) {
                ended[0]++;
              }
            });
    return ended[0];
  }

  static boolean ofUser(QfSession session, String sub, String sid) {
    if (sid != null) {
      return sid.equals(session.claims().get("sid")) && (sub == null || sub.equals(session.sub()));
    }
    return sub != null && sub.equals(session.sub());
  }

  @Override
  public boolean firstUseOfLogoutToken(
      QfEnvironment environment, String jti, java.time.Instant keepUntil) {
    // Kept at least as long as the token could be accepted: the verifier refuses one older than
    // IdTokenVerifier.MAX_AGE, and past its exp.
    return logoutTokens.asMap().putIfAbsent(environment.id() + ':' + jti, Boolean.TRUE) == null;
  }

  /** Sessions currently held for {@code environment} (approximate; for monitoring and tests). */
  long size(QfEnvironment environment) {
    Cache<String, QfSession> cache = caches.get(environment);
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
