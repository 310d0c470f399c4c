package dev.qfauth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The default store, counting what was stored: a refused sign-in must store nothing. */
final class RecordingSessionStore extends ForwardingSessionStore {
  private final AtomicInteger puts = new AtomicInteger();

  RecordingSessionStore(java.time.Clock clock) {
    super(new CaffeineSessionStore(10_000, Duration.ofHours(1), clock));
  }

  int puts() {
    return puts.get();
  }

  @Override
  public void put(QfEnvironment environment, String handle, QfSession session) {
    puts.incrementAndGet();
    super.put(environment, handle, session);
  }
}
