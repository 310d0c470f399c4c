package dev.qfauth;

import java.time.Instant;
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

  // OIDC Back-Channel Logout 1.0: optional. A store that cannot find sessions by user keeps these
  // defaults, and the filter refuses to start with QF_BACKCHANNEL_LOGOUT_PATH set.

  /**
   * Whether this store implements {@link #removeSessionsOfUser} and {@link #firstUseOfLogoutToken},
   * which back-channel logout needs. Default: {@code false}.
   */
  default boolean supportsBackChannelLogout() {
    return false;
  }

  /**
   * Removes every session of the provider session {@code sid} (when not null; of {@code sub} too,
   * when that is not null), else every session of the user {@code sub}: on every node that shares
   * this store. Sessions keep the ID token's claims, {@code sid} among them.
   *
   * @return how many sessions ended
   * @throws UnsupportedOperationException by default
   */
  default int removeSessionsOfUser(QfEnvironment environment, String sub, String sid) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot find sessions by user (back-channel logout)");
  }

  /**
   * Records a logout token's {@code jti} until {@code keepUntil}: true the first time, false when
   * it was recorded before (a replay, Back-Channel Logout 2.6 step 6). Shared by every node that
   * shares the store.
   *
   * @throws UnsupportedOperationException by default
   */
  default boolean firstUseOfLogoutToken(QfEnvironment environment, String jti, Instant keepUntil) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot record logout tokens (back-channel logout)");
  }
}
