package dev.qfauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Pending sign-ins keyed by {@code state}: bounded, short-lived, single use. Keyed by state rather
 * than one slot per browser, so sign-ins in parallel tabs do not overwrite each other.
 *
 * <p>Past the bound the oldest sign-in goes first. A Caffeine cache admits by frequency, and every
 * entry here is written once and taken at most once: after a burst of sign-ins nobody finishes (a
 * flood of GET /login), it kept the burst and dropped each new sign-in as soon as a few more
 * started, for the whole login timeout (RFC 6819 4.4.1.11, resource exhaustion). One lock, O(1) per
 * operation.
 */
final class LoginTransactions {
  private record Entry(LoginTransaction transaction, Instant expiresAt) {}

  private final long maxPending;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> pending = new LinkedHashMap<>(); // oldest first

  LoginTransactions(long maxPending, Duration ttl, Clock clock) {
    this.maxPending = maxPending;
    this.ttl = ttl;
    this.clock = clock;
  }

  synchronized void put(LoginTransaction transaction) {
    Instant now = clock.instant();
    dropExpired(now);
    pending.put(transaction.state(), new Entry(transaction, now.plus(ttl)));
    Iterator<Entry> oldest = pending.values().iterator();
    while (pending.size() > maxPending) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * Atomically removes and returns the transaction, so a replayed callback (reload, back button,
   * prefetch) finds nothing and can never redeem the code twice; Hydra would revoke the tokens.
   */
  synchronized LoginTransaction take(String state) {
    Entry entry = pending.remove(state);
    return entry == null || !clock.instant().isBefore(entry.expiresAt())
        ? null
        : entry.transaction();
  }

  synchronized long size() {
    dropExpired(clock.instant());
    return pending.size();
  }

  private void dropExpired(Instant now) {
    Iterator<Entry> oldest = pending.values().iterator();
    while (oldest.hasNext() && !now.isBefore(oldest.next().expiresAt())) {
      oldest.remove();
    }
  }
}
