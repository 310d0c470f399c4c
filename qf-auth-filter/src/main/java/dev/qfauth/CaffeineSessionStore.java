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

  /**
   * @param maxSessions the most sessions kept per environment
   * @param idleTimeout how long an unused session is kept
   * @param clock the time source (its reading drives expiry, so tests can move it)
   */
  CaffeineSessionStore(long maxSessions, Duration idleTimeout, Clock clock) {
    Ticker ticker = () -> clock.millis() * 1_000_000L;
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

  /** Sessions currently held for {@code environment} (approximate; for monitoring and tests). */
  long size(QfEnvironment environment) {
    Cache<String, QfSession> cache = caches.get(environment);
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
