package dev.qfauth;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The cluster-wide single flight, for a store that is also {@link RefreshLeases}: one node at a
 * time refreshes a session (Hydra rotates refresh tokens and revokes the chain on reuse, RFC 9700
 * 4.14.2, so a refresh token must be sent once), under a short lease in the shared store; the
 * others re-read the session until its tokens change and use the winner's result. Within a node,
 * {@link Refresher}'s own single flight already lets only one thread per session get here. See
 * docs/DESIGN.md, "The refresh lease".
 *
 * <p>Immutable and thread-safe.
 */
record RefreshLease(RefreshLeases leases, SessionStore store, QfAuthConfig config) {
  /** Room for the store's own calls and a stalled moment around the token call. */
  private static final Duration MARGIN = Duration.ofSeconds(2);

  private static final long FIRST_PAUSE_MILLIS = 5;
  private static final long MAX_PAUSE_MILLIS = 100;

  /** A refresh run while holding the lease, which ends at {@code leaseEndsNanos}. */
  interface Leader {
    QfSession refresh(String handle, QfSession seen, long leaseEndsNanos);
  }

  /**
   * How long a lease lasts: longer than its holder can take to send the refresh token, read the
   * answer and verify the new ID token (a connect, the token call and a key fetch, each within the
   * filter's deadlines), so a live holder never loses the lease while the spent refresh token is
   * still unstored. 27 s with the default deadlines.
   */
  static Duration time(QfAuthConfig config) {
    return config.connectTimeout().plus(config.requestTimeout().multipliedBy(2)).plus(MARGIN);
  }

  /** A waiting node outlasts a lease whose holder died, then takes the lease itself. */
  private static Duration waitTime(Duration time) {
    return time.plus(MARGIN);
  }

  /** The longest a caller waits here: for a dead holder's lease to end, then its own refresh. */
  Duration longestWait() {
    Duration time = time(config);
    return waitTime(time).plus(time);
  }

  /**
   * Refreshes under the lease, or returns the session another node refreshed meanwhile.
   *
   * @throws TokenException when the wait for another node's refresh outlasts a lease
   * @throws QfAuthException {@link QfErrorCode#LOGIN_REQUIRED} when the session ended meanwhile
   * @throws SessionStoreUnavailableException when the shared store does not answer
   */
  QfSession refresh(String handle, QfSession seen, Leader leader) {
    Duration time = time(config); // worked out per refresh, beside a token call
    QfEnvironment environment = config.environment();
    long giveUpAt = System.nanoTime() + waitTime(time).toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      String holder = Randoms.token();
      long takenAt = System.nanoTime();
      if (leases.tryAcquire(environment, handle, holder, time)) {
        try {
          // The leader re-reads the session first: a node that held the lease before may have
          // stored new tokens since our caller read them.
          return leader.refresh(handle, seen, takenAt + time.toNanos());
        } finally {
          release(handle, holder);
        }
      }
      QfSession current = Refresher.stored(store, environment, handle);
      if (!current.accessToken().equals(seen.accessToken())) {
        return current; // the holder's result
      }
      if (System.nanoTime() - giveUpAt >= 0) {
        throw TokenException.unanswered(
            QfErrorCode.TOKEN_REFRESH_FAILED,
            TokenEndpoint.REFRESH_FAILED
                + ": timed out waiting for another node's refresh of this session",
            null,
            null);
      }
      pause(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
    }
  }

  private void release(String handle, String holder) {
    try {
      leases.release(config.environment(), handle, holder);
    } catch (SessionStoreUnavailableException e) {
      // The lease ends by itself at its time; nothing else to do.
    }
  }

  /** Names no part: what a pluggable store prints is not this record's to vouch for. */
  @Override
  public String toString() {
    return "RefreshLease[" + config.environment() + "]";
  }

  private static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      throw TokenException.refreshInterrupted(e);
    }
  }
}
