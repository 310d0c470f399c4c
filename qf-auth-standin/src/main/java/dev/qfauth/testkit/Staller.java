package dev.qfauth.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds connection threads for the slow defects: each waits until {@link #release()} or the stall
 * time, whichever comes first, so a stalled test never leaks a thread for long.
 */
final class Staller {
  private final AtomicInteger holding = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(1);
  private volatile Duration limit;

  Staller(Duration limit) {
    this.limit = limit;
  }

  Duration limit() {
    return limit;
  }

  void limit(Duration limit) {
    this.limit = limit;
  }

  /** Blocks the calling (connection) thread; true when released early, false at the stall time. */
  boolean hold() {
    CountDownLatch current = gate;
    holding.incrementAndGet();
    try {
      return current.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } finally {
      holding.decrementAndGet();
    }
  }

  /** Lets every held thread go; later holds wait again. */
  void release() {
    CountDownLatch old = gate;
    gate = new CountDownLatch(1);
    old.countDown();
  }

  int holding() {
    return holding.get();
  }
}
