package dev.qfauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Pending sign-ins keyed by {@code state}: bounded, short-lived, single use. Keyed by state rather
 * than one slot per browser, so sign-ins in parallel tabs do not overwrite each other.
 */
final class LoginTransactions {
  private final Cache<String, LoginTransaction> pending;

  LoginTransactions(long maxPending, Duration ttl, Clock clock) {
    this.pending =
        Caffeine.newBuilder()
            .maximumSize(maxPending)
            .expireAfterWrite(ttl)
            .ticker(() -> clock.millis() * 1_000_000L)
            .build();
  }

  void put(LoginTransaction transaction) {
    pending.put(transaction.state(), transaction);
  }

  /**
   * Atomically removes and returns the transaction, so a replayed callback (reload, back button,
   * prefetch) finds nothing and can never redeem the code twice; Hydra would revoke the tokens.
   */
  LoginTransaction take(String state) {
    return pending.asMap().remove(state);
  }

  long size() {
    pending.cleanUp();
    return pending.estimatedSize();
  }
}
