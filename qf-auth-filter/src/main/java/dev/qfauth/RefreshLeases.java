package dev.qfauth;

import java.time.Duration;

/**
 * A short lease per session on refreshing its tokens, shared by every node of a cluster, so that
 * however many nodes find one session's access token expiring at once, exactly one refresh reaches
 * QF (Hydra rotates refresh tokens and revokes the whole chain when one is sent twice). A {@link
 * SessionStore} that also implements this interface is used for it (qf-auth-redis does); otherwise
 * the filter's single flight is per JVM, which is all one node needs.
 *
 * <p>The filter takes the lease before it sends a refresh token, re-reads the session, refreshes
 * unless another node already did, stores the rotated set with {@link SessionStore#replace}, and
 * releases the lease. Nodes that find the lease taken re-read the session until its tokens change
 * and use them. A lease ends by itself after its time, so a node that dies holding one blocks that
 * session's refresh no longer than that. See docs/DESIGN.md, "The refresh lease".
 *
 * <p>Implementations must be thread-safe and keep environments apart.
 */
public interface RefreshLeases {

  /**
   * Takes the lease on refreshing {@code handle}'s session for {@code time}, unless anyone holds it
   * (an atomic set-if-absent with an expiry, such as Redis {@code SET NX PX}).
   *
   * @param holder a random value naming this attempt; only it can release the lease
   * @return true when this call took the lease
   * @throws SessionStoreUnavailableException when the shared store does not answer in time
   */
  boolean tryAcquire(QfEnvironment environment, String handle, String holder, Duration time);

  /**
   * Ends the lease if {@code holder} still holds it (a compare-and-delete: a lease that expired and
   * was taken by another node is left alone).
   *
   * @throws SessionStoreUnavailableException when the shared store does not answer in time; the
   *     lease then ends by itself
   */
  void release(QfEnvironment environment, String handle, String holder);
}
