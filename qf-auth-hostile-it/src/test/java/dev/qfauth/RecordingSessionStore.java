package dev.qfauth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The default store, counting what was stored: a refused sign-in must store nothing. */
final class RecordingSessionStore implements SessionStore {
  private final SessionStore delegate;
  private final AtomicInteger puts = new AtomicInteger();

  RecordingSessionStore(java.time.Clock clock) {
    this.delegate = new CaffeineSessionStore(10_000, Duration.ofHours(1), clock);
  }

  int puts() {
    return puts.get();
  }

  @Override
  public Optional<QfSession> get(QfEnvironment environment, String handle) {
    return delegate.get(environment, handle);
  }

  @Override
  public void put(QfEnvironment environment, String handle, QfSession session) {
    puts.incrementAndGet();
    delegate.put(environment, handle, session);
  }

  @Override
  public boolean replace(
      QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
    return delegate.replace(environment, handle, expected, replacement);
  }

  @Override
  public Optional<QfSession> remove(QfEnvironment environment, String handle) {
    return delegate.remove(environment, handle);
  }
}
