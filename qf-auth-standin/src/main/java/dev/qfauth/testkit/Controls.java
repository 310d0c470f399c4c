package dev.qfauth.testkit;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The per-test knobs: one-shot login and failure switches, a token-endpoint outage, and the
 * access-token lifetime.
 */
final class Controls {
  private final Duration defaultAccessTokenLifetime;
  private volatile Duration accessTokenLifetime;
  private final Queue<QfTokenFailure> tokenFailures = new ConcurrentLinkedQueue<>();
  private volatile QfTokenFailure tokenOutage;
  private final AtomicReference<String> autoLogin = new AtomicReference<>();
  private final AtomicBoolean denyNextLogin = new AtomicBoolean();
  private final CountDownLatch closing = new CountDownLatch(1);

  Controls(Duration defaultAccessTokenLifetime) {
    this.defaultAccessTokenLifetime = defaultAccessTokenLifetime;
    this.accessTokenLifetime = defaultAccessTokenLifetime;
  }

  Duration accessTokenLifetime() {
    return accessTokenLifetime;
  }

  void accessTokenLifetime(Duration lifetime) {
    accessTokenLifetime = lifetime;
  }

  void addTokenFailure(QfTokenFailure failure) {
    tokenFailures.add(failure);
  }

  /** Queued one-shot failures come first; then the outage, if one is in force. */
  QfTokenFailure takeTokenFailure() {
    QfTokenFailure next = tokenFailures.poll();
    return next != null ? next : tokenOutage;
  }

  void tokenOutage(QfTokenFailure failure) {
    tokenOutage = failure;
  }

  void autoLogin(String username) {
    autoLogin.set(username);
  }

  String takeAutoLogin() {
    return autoLogin.getAndSet(null);
  }

  void denyNextLogin() {
    denyNextLogin.set(true);
  }

  boolean takeDenyNextLogin() {
    return denyNextLogin.getAndSet(false);
  }

  /**
   * Waits {@code delay} for a delayed token call; false when the stand-in is closing (or the thread
   * is interrupted) first, so a delayed call never holds up {@link QfStandIn#close()}.
   */
  boolean delay(Duration delay) {
    try {
      return !closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Lets every delayed token call go at once. */
  void close() {
    closing.countDown();
  }

  void reset() {
    accessTokenLifetime = defaultAccessTokenLifetime;
    tokenFailures.clear();
    tokenOutage = null;
    autoLogin.set(null);
    denyNextLogin.set(false);
  }
}
