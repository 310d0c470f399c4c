package dev.qfauth.testkit;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The per-test knobs: one-shot login and failure switches, and the access-token lifetime. */
final class Controls {
  private final Duration defaultAccessTokenLifetime;
  private volatile Duration accessTokenLifetime;
  private final Queue<QfTokenFailure> tokenFailures = new ConcurrentLinkedQueue<>();
  private final AtomicReference<String> autoLogin = new AtomicReference<>();
  private final AtomicBoolean denyNextLogin = new AtomicBoolean();

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

  QfTokenFailure takeTokenFailure() {
    return tokenFailures.poll();
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

  void reset() {
    accessTokenLifetime = defaultAccessTokenLifetime;
    tokenFailures.clear();
    autoLogin.set(null);
    denyNextLogin.set(false);
  }
}
