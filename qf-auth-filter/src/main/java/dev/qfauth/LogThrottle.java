package dev.qfauth;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets one message of a kind through per interval and counts the ones it held back, for warnings
 * that a stranger can trigger at will (a planted cookie repeats on every request of its victim):
 * the log says it happens and how often, without one line per request. Thread-safe, lock-free.
 */
final class LogThrottle {
  private final long intervalMillis;
  private final LongSupplier clockMillis;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong heldBack = new AtomicLong();

  LogThrottle(long intervalMillis, LongSupplier clockMillis) {
    this.intervalMillis = intervalMillis;
    this.clockMillis = clockMillis;
  }

  /**
   * Whether to log now. When it returns a value {@code >= 0}, log, and mention that many earlier
   * occurrences were held back; {@code -1} means stay quiet (and this one is counted).
   */
  long admit() {
    long now = clockMillis.getAsLong();
    long next = nextAllowed.get();
    if (now >= next && nextAllowed.compareAndSet(next, now + intervalMillis)) {
      return heldBack.getAndSet(0);
    }
    heldBack.incrementAndGet();
    return -1;
  }
}
