package dev.qfauth;

import java.util.Optional;

/**
 * Where signed-in sessions live, keyed by environment and the opaque handle the browser holds. The
 * default is a bounded in-memory Caffeine cache per environment; a cluster swaps in a shared
 * implementation (set {@code QF_SESSION_STORE} or {@link QfAuthConfig.Builder#sessionStore}).
 *
 * <p>Implementations must be thread-safe and must keep environments apart: a session stored for
 * {@link QfEnvironment#PRELIVE} is never returned for {@link QfEnvironment#PRODUCTION}. A store
 * that is {@link AutoCloseable} is closed when the filter is destroyed (an undeploy must leave no
 * connection or thread behind).
 */
public interface SessionStore {

  /** The session for {@code handle}, if present and not expired. */
  Optional<QfSession> get(QfEnvironment environment, String handle);

  /** Stores or overwrites the session for {@code handle}. */
  void put(QfEnvironment environment, String handle, QfSession session);

  /**
   * Atomically replaces {@code expected} by {@code replacement}; false, and nothing changed, when
   * the stored value is not {@code expected} (another request or node got there first).
   */
  boolean replace(
      QfEnvironment environment, String handle, QfSession expected, QfSession replacement);

  /** Removes and returns the session for {@code handle}. */
  Optional<QfSession> remove(QfEnvironment environment, String handle);
}
