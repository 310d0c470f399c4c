package dev.qfauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it. Thread-safe. */
final class TestClock extends Clock {
  /** A whole second, so JWT times (seconds) and Java instants compare without rounding. */
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  private final AtomicReference<Instant> now;

  TestClock() {
    this(START);
  }

  TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * A clock at the real present, in whole seconds: for tests whose fake QF stamps ID tokens with
   * the real time, and that then move time on.
   */
  static TestClock atPresent() {
    return new TestClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  void set(Instant to) {
    now.set(to);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests use UTC");
  }
}
