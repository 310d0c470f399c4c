package dev.qfauth;

import static dev.qfauth.QfErrorCode.LOGIN_STATE_INVALID;
import static dev.qfauth.QfErrorCode.TOKEN_EXCHANGE_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token endpoint's answer to the code exchange, broken one way at a time (RFC 6749 5.1 / 5.2,
 * RFC 6819 4.3.3): refused as {@code token_exchange_failed} after exactly one request, within the
 * configured timeout, reading at most 256 KiB, following no redirect, with the worker thread freed
 * and no secret on the page or in the log.
 */
final class TokenEndpointDefectsTest {
  private static final Set<QfDefect> SLOW =
      Set.of(QfDefect.TOKEN_SLOW, QfDefect.TOKEN_NEVER_ENDING, QfDefect.TOKEN_STALLED);

  @RegisterExtension static final Rig rig = new Rig();

  static Stream<Case> refused() {
    return Case.of(
        QfDefect.Family.TOKEN_ENDPOINT, QfDefect.Expectation.FAILS, d -> TOKEN_EXCHANGE_FAILED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void brokenTokenResponseIsRefusedInBoundedTimeWithNothingSignedIn(Case c) throws Exception {
    HostileApp app = rig.app(c.kind());
    QfHostileProvider hostile = rig.qf().hostile;
    Browser browser = new Browser();
    int stored = app.store.puts();
    try (LogCapture logs = new LogCapture()) {
      hostile.inject(c.defect());
      HostileApp.Attempt attempt = app.attempt(browser, "/private/page");
      Duration took = attempt.callbackTook();
      HttpResponse<String> refused = attempt.callback();

      app.assertRefused(browser, refused, TOKEN_EXCHANGE_FAILED, stored);
      assertEquals(1, hostile.tokenCalls(), "a code exchange is never retried");
      assertEquals(0, hostile.apiCalls(), "User API calls");
      assertEquals(0, hostile.attackerCalls(), "a redirect was followed off the provider");
      Evidence.assertNoThreadWaitingOnQf();
      Duration limit = HostileApp.REQUEST_TIMEOUT.plusMillis(1_000);
      assertTrue(took.compareTo(limit) < 0, "bounded time: took " + took);
      if (SLOW.contains(c.defect())) {
        assertTrue(
            took.compareTo(HostileApp.REQUEST_TIMEOUT.minusMillis(50)) > 0,
            "gave up at the configured timeout, not before: " + took);
        // One deadline for the whole exchange, whether QF stalls before the headers or after.
        assertTrue(refused.body().contains("no complete answer within 1000 ms"), refused.body());
      }
      if (c.defect() == QfDefect.TOKEN_HUGE) {
        assertTrue(refused.body().contains("answer larger than 262144 bytes"), refused.body());
      }
      assertFalse(refused.body().contains("<script"), "markup reflected: " + refused.body());

      hostile.clear();
      app.assertRefused(browser, browser.get(attempt.callbackUrl()), LOGIN_STATE_INVALID, stored);
      assertEquals(1, hostile.tokenCalls(), "the replay reached QF");

      Set<String> secrets = app.secrets(browser);
      Evidence.assertNoSecretIn(refused.body(), secrets);
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), secrets);
    }
  }

  static Stream<Case> tolerated() {
    return Case.of(QfDefect.Family.TOKEN_ENDPOINT, QfDefect.Expectation.SUCCEEDS, d -> null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tolerated")
  void narrowerGrantSignsInWithTheScopesGranted(Case c) throws Exception {
    HostileApp app = rig.app(c.kind());
    String whoami = app.whoami(app.signedInDespite(c.defect()));
    assertTrue(whoami.contains("scopes=[offline_access, openid]"), whoami);
  }
}
