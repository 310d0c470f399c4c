package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class LogThrottleTest {

  @Test
  void admit_firstOccurrence_logsWithNothingHeldBack() {
    LogThrottle throttle = new LogThrottle(60_000, () -> 1_000);

    assertEquals(0, throttle.admit());
  }

  @Test
  void admit_repeatsWithinTheInterval_heldBackThenCountedInTheNextLine() {
    AtomicLong now = new AtomicLong(1_000);
    LogThrottle throttle = new LogThrottle(60_000, now::get);

    assertEquals(0, throttle.admit());
    assertEquals(-1, throttle.admit());
    now.addAndGet(59_999);
    assertEquals(-1, throttle.admit());
    now.addAndGet(1);
    assertEquals(2, throttle.admit(), "the two held back are counted");
    assertEquals(-1, throttle.admit());
  }

  /** A planted cookie repeats on every request of its victim: one warning line, not one each. */
  @Test
  void tossedCookieOnEveryRequest_oneWarningLine() throws Exception {
    try (Fixture f = new Fixture(Containers.Kind.JETTY);
        LogCapture capture = new LogCapture()) {
      String header = "QF_SESSION=" + "P".repeat(43) + "; QF_SESSION=" + "Q".repeat(43);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> page = new Browser().get(f.url("/whoami"), "Cookie", header);
        assertEquals(400, page.statusCode());
      }

      String log = capture.text();
      int lines = log.split("cookie tossing", -1).length - 1;
      assertEquals(1, lines, log);
      assertTrue(log.contains("0 more since the last such warning"), log);
    }
  }
}
