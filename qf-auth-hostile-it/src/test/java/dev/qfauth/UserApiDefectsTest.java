package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The User API failing under a signed-in user (the QF guide: refresh once on 401 and retry once,
 * bounded backoff on 429 and 5xx; RFC 6750): a bounded number of calls and refreshes, bounded time,
 * the specific {@link QfApiException} code, the session kept, and no token leaked through a
 * redirect, the page or the log. The test app's {@code /collections} calls {@code GET
 * /auth/v1/collections} and prints the exception's code, remote status and message.
 */
final class UserApiDefectsTest {
  @RegisterExtension static final Rig rig = new Rig();

  /** What the filter does: the answer, and how many API calls and refreshes it took. */
  record Expected(int status, String shows, int apiCalls, int refreshes, long minMillis) {}

  static Expected expected(QfDefect defect) {
    return switch (defect) {
      case API_UNAUTHORIZED_ALWAYS -> new Expected(401, "API_UNAUTHORIZED 401", 2, 1, 0);
      case API_UNAUTHORIZED_ONCE -> new Expected(200, "\"success\":true", 2, 1, 0);
      case API_FORBIDDEN_INSUFFICIENT_SCOPE ->
          new Expected(403, "API_FORBIDDEN 403 insufficient_scope", 1, 0, 0);
      case API_RATE_LIMITED ->
          new Expected(429, "API_RATE_LIMITED 429", 2, 0, 950); // waited Retry-After: 1
      case API_RATE_LIMITED_LONG_RETRY_AFTER ->
          new Expected(429, "API_RATE_LIMITED 429", 1, 0, 0); // a day: fails at once, no wait
      case API_SERVER_ERROR -> new Expected(502, "API_ERROR 503", 2, 0, 150);
      case API_SERVER_ERROR_ONCE -> new Expected(200, "\"success\":true", 2, 0, 150);
      case API_SLOW -> new Expected(502, "API_ERROR 0", 1, 0, 950); // 0: no answer, timed out
      case API_REDIRECTED -> new Expected(502, "API_ERROR 307", 1, 0, 0);
      case API_ERROR_ECHOES_TOKEN ->
          new Expected(400, "API_INVALID_REQUEST 400 invalid_request", 1, 0, 0);
      case API_HUGE -> new Expected(502, "answer larger than 262144 bytes", 1, 0, 0);
      default -> throw new IllegalArgumentException(defect.toString());
    };
  }

  static Stream<Case> defects() {
    return Stream.concat(
        Case.of(QfDefect.Family.USER_API, QfDefect.Expectation.FAILS, d -> null),
        Case.of(QfDefect.Family.USER_API, QfDefect.Expectation.SUCCEEDS, d -> null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void failingUserApiCostsBoundedCallsAndTimeAndKeepsTheSession(Case c) throws Exception {
    HostileApp app = rig.app(c.kind());
    QfHostileProvider hostile = rig.qf().hostile;
    Expected expected = expected(c.defect());
    Browser browser = app.signedIn("alice");
    hostile.resetCounts();
    try (LogCapture logs = new LogCapture()) {
      hostile.inject(c.defect());
      long started = System.nanoTime();
      HttpResponse<String> answer = browser.get(app.url("/collections"));
      long took = Duration.ofNanos(System.nanoTime() - started).toMillis();

      assertEquals(expected.status(), answer.statusCode(), answer.body());
      assertTrue(answer.body().contains(expected.shows()), answer.body());
      assertEquals(expected.apiCalls(), hostile.apiCalls(), "User API calls");
      assertEquals(expected.refreshes(), hostile.tokenCalls(), "refreshes");
      assertEquals(0, hostile.attackerCalls(), "x-auth-token went to another host");
      assertTrue(took >= expected.minMillis(), "backed off: " + took + " ms");
      assertTrue(took < expected.minMillis() + 1_500, "bounded time: " + took + " ms");
      Evidence.assertNoThreadWaitingOnQf();

      hostile.clear();
      assertTrue(app.whoami(browser).contains("sub="), "the session is kept");
      Set<String> secrets = app.secrets(browser);
      Evidence.assertNoSecretIn(answer.body(), secrets);
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), secrets);
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void tokenExpiredAtQfIsRefreshedOnceAndTheCallRetried(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    Browser browser = app.signedIn("alice");
    rig.qf().hostile.resetCounts();
    rig.qf().standIn.expireAccessTokens("alice"); // the filter still believes it has an hour
    HttpResponse<String> answer = browser.get(app.url("/collections"));
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(2, rig.qf().hostile.apiCalls(), "401, then the retry");
    assertEquals(1, rig.qf().standIn.tokenCalls("refresh_token"));
  }
}
