package dev.qfauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** The stand-in's notion of "now": a base clock plus an offset that tests can move forward. */
final class StandInClock {
  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  StandInClock(Clock base) {
    this.base = Objects.requireNonNull(base, "clock");
  }

  Instant now() {
    return base.instant().plus(offset.get());
  }

  void advance(Duration amount) {
    offset.accumulateAndGet(amount, Duration::plus);
  }

  void reset() {
    offset.set(Duration.ZERO);
  }
}
