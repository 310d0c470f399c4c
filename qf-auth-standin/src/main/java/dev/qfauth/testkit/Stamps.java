package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the stand-in's User API stamps a new item with, as QF does: a cuid-like id, the time to the
 * millisecond, and a rising number that orders items made in the same millisecond. Thread-safe.
 */
final class Stamps {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final StandInClock clock;
  private final SecureRandom random;
  private long seq;

  Stamps(StandInClock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** The stand-in's time, to the millisecond as QF's timestamps are. */
  Instant now() {
    return clock.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** A rising number that orders items created in the same millisecond. */
  synchronized long nextSeq() {
    return ++seq;
  }

  /** A cuid-like id such as QF uses ("c" and 24 lowercase letters and digits). */
  synchronized String newId() {
    StringBuilder id = new StringBuilder("c");
    for (int i = 0; i < 24; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
