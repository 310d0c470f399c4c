package dev.qfauth;

import java.time.Duration;
import java.util.Optional;

/**
 * Sign-ins in progress, shared by every node of a cluster, so a sign-in started on one node (the
 * redirect to QF) completes on any other (the callback), without sticky sessions. A {@link
 * SessionStore} that also implements this interface is used for them (qf-auth-redis does);
 * otherwise they stay in the JVM that started them.
 *
 * <p>A value is opaque to the store: the filter's encoding of one sign-in. It holds the PKCE code
 * verifier and the nonce, so a store that keeps it outside the JVM must encrypt it at rest.
 * Implementations must be thread-safe, keep environments apart, and keep nothing past its time to
 * live.
 */
public interface PendingSignIns {

  /**
   * Keeps {@code signIn} under {@code state} for {@code timeToLive} ({@code
   * QF_LOGIN_TIMEOUT_SECONDS}); after that it is gone, taken or not.
   *
   * @throws SessionStoreUnavailableException when the shared store does not answer in time
   */
  void put(QfEnvironment environment, String state, byte[] signIn, Duration timeToLive);

  /**
   * Removes and returns the sign-in kept under {@code state}, atomically: of two takes of one state
   * on any nodes, at most one gets it, so a replayed callback never redeems the code twice (RFC
   * 6749 4.1.2, single-use codes; Hydra revokes the tokens of a code used twice). Empty when
   * unknown, expired, already taken, or when the stored value fails its integrity check.
   *
   * @throws SessionStoreUnavailableException when the shared store does not answer in time
   */
  Optional<byte[]> take(QfEnvironment environment, String state);
}
