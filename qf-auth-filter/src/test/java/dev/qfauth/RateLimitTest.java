package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class RateLimitTest {

  @Test
  void retryAfterSeconds_withinTheLimit_admitted() {
    RateLimit limit = new RateLimit(2, new TestClock());
    assertEquals(0, limit.retryAfterSeconds("192.0.2.1"));
    assertEquals(0, limit.retryAfterSeconds("192.0.2.1"));
  }

  @Test
  void retryAfterSeconds_pastTheLimit_refusedUntilTheWindowEnds() {
    TestClock clock = new TestClock();
    RateLimit limit = new RateLimit(2, clock);
    limit.retryAfterSeconds("192.0.2.1");
    clock.advance(Duration.ofSeconds(20));
    limit.retryAfterSeconds("192.0.2.1");
    assertEquals(40, limit.retryAfterSeconds("192.0.2.1"));
    clock.advance(Duration.ofMillis(39_500));
    assertEquals(1, limit.retryAfterSeconds("192.0.2.1"), "rounded up, never 0");
    clock.advance(Duration.ofMillis(500));
    assertEquals(0, limit.retryAfterSeconds("192.0.2.1"), "a new window");
  }

  @Test
  void retryAfterSeconds_otherAddress_countedApart() {
    RateLimit limit = new RateLimit(1, new TestClock());
    limit.retryAfterSeconds("192.0.2.1");
    assertEquals(60, limit.retryAfterSeconds("192.0.2.1"));
    assertEquals(0, limit.retryAfterSeconds("192.0.2.2"));
  }
}
