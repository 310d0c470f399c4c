package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/** What the suite checks besides the answer: logs, threads. */
final class Evidence {
  private Evidence() {}

  /** The captured logs, less the stand-in's own (it is the provider, not the filter). */
  static String filterLogs(LogCapture capture) {
    return capture.text(logger -> !logger.startsWith("dev.qfauth.testkit"));
  }

  static void assertNoSecretIn(String logs, Collection<String> secrets) {
    for (String secret : secrets) {
      assertFalse(
          logs.contains(secret),
          () ->
              "a secret leaked into the logs: "
                  + secret.substring(0, Math.min(10, secret.length()))
                  + "...\n"
                  + logs);
    }
  }

  /** Live threads with {@code frame} ("class.method") on their stack right now. */
  static int threadsIn(String frame) {
    int count = 0;
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      if (Arrays.stream(thread.getValue())
          .anyMatch(e -> frame.equals(e.getClassName() + "." + e.getMethodName()))) {
        count++;
      }
    }
    return count;
  }

  /** No container thread is still waiting on QF: the worker was freed. */
  static void assertNoThreadWaitingOnQf() {
    assertEquals(0, threadsIn("dev.qfauth.HttpCalls.send"), "a thread is still waiting on QF");
  }
}
