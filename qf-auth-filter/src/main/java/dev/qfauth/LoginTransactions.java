package dev.qfauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Pending sign-ins keyed by {@code state}: bounded, short-lived, single use. Keyed by state rather
 * than one slot per browser, so sign-ins in parallel tabs do not overwrite each other.
 *
 * <p>They live in this JVM, unless the session store is also a {@link PendingSignIns} (a cluster
 * store such as qf-auth-redis): then they live there, so the callback may reach any node, and the
 * store's own time to live and atomic take replace the map below.
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
  private final PendingSignIns shared; // null: in this JVM
  private final QfEnvironment environment;

  private LoginTransactions(QfAuthConfig config, PendingSignIns shared) {
    this.maxPending = config.maxPendingLogins();
    this.ttl = config.loginTimeout();
    this.clock = config.clock();
    this.environment = config.environment();
    this.shared = shared;
  }

  /** In {@code store} when it keeps sign-ins too, else in this JVM. */
  static LoginTransactions forStore(QfAuthConfig config, SessionStore store) {
    return new LoginTransactions(config, store instanceof PendingSignIns signIns ? signIns : null);
  }

  /** True when sign-ins live in a store shared with other nodes. */
  boolean shared() {
    return shared != null;
  }

  void put(LoginTransaction transaction) {
    if (shared != null) {
      shared.put(environment, transaction.state(), SignInCodec.encode(transaction), ttl);
      return;
    }
    putHere(transaction);
  }

  private synchronized void putHere(LoginTransaction transaction) {
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
  LoginTransaction take(String state) {
    if (shared != null) {
      Optional<byte[]> value = shared.take(environment, state);
      LoginTransaction tx = value.isEmpty() ? null : SignInCodec.decode(value.get());
      // The store's time to live ends it too; this holds whatever the store's clock says.
      return tx == null || !clock.instant().isBefore(tx.createdAt().plus(ttl)) ? null : tx;
    }
    return takeHere(state);
  }

  private synchronized LoginTransaction takeHere(String state) {
    Entry entry = pending.remove(state);
    return entry == null || !clock.instant().isBefore(entry.expiresAt())
        ? null
        : entry.transaction();
  }

  /** Sign-ins waiting in this JVM (none when they live in a shared store). */
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
