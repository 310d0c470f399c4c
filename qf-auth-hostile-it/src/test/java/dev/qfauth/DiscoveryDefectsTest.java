package dev.qfauth;

import static dev.qfauth.QfErrorCode.CALLBACK_INVALID;
import static dev.qfauth.QfErrorCode.PROVIDER_UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A lying, broken or hostile discovery document when the app starts (OIDC Discovery 3 / 4, RFC 9700
 * 4.4, RFC 8725 3.1, RFC 9207): the app still starts and serves its other pages, {@code /login}
 * answers {@code provider_unavailable} in bounded time without sending anyone to a foreign host,
 * and the app recovers by itself once the provider is fixed.
 */
final class DiscoveryDefectsTest {
  /**
   * Discovery is the filter's, not the container's, and every case starts an app: one container
   * here (Jetty runs the keys family; the other families run on both).
   */
  private static final Containers.Kind DISCOVERY_ON = Containers.Kind.TOMCAT;

  @RegisterExtension static final Rig rig = new Rig();

  static QfErrorCode expected(QfDefect defect) {
    // RFC 9207: the document promises iss in authorization responses, which then lack it.
    return defect == QfDefect.DISCOVERY_PROMISES_ISS_PARAMETER
        ? CALLBACK_INVALID
        : PROVIDER_UNAVAILABLE;
  }

  static Stream<Case> defects() {
    return Case.of(
        QfDefect.Family.DISCOVERY,
        QfDefect.Expectation.FAILS,
        DiscoveryDefectsTest::expected,
        DISCOVERY_ON);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void badDiscoveryRefusesSignInButTheAppRunsAndRecovers(Case c) throws Exception {
    QfHostileProvider hostile = rig.qf().hostile;
    hostile.inject(c.defect());
    try (LogCapture logs = new LogCapture();
        HostileApp app = new HostileApp(rig.qf(), c.kind())) {
      Browser browser = new Browser();
      assertEquals("hello /public", browser.get(app.url("/public")).body(), "the app serves");
      int stored = app.store.puts();
      long started = System.nanoTime();
      HttpResponse<String> refused =
          c.defect() == QfDefect.DISCOVERY_PROMISES_ISS_PARAMETER
              ? app.attempt(browser, "/").callback()
              : browser.get(app.loginUrl("/"));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      app.assertRefused(browser, refused, expected(c.defect()), stored);
      assertTrue(took.compareTo(Duration.ofMillis(2_000)) < 0, "bounded time: took " + took);
      Evidence.assertNoThreadWaitingOnQf();
      assertEquals(0, hostile.tokenCalls(), "token requests");
      assertEquals(0, hostile.apiCalls(), "User API calls");
      assertEquals(0, hostile.attackerCalls(), "a request went to the attacker's host");

      // Fixed at QF: the next attempt after the 2 s back-off discovers it again, no restart. (A
      // document that was valid, only promising iss, stays cached like any valid one.)
      hostile.clear();
      if (c.defect() != QfDefect.DISCOVERY_PROMISES_ISS_PARAMETER) {
        app.clock.advance(Duration.ofSeconds(3));
        app.signIn(browser, "alice");
      }
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), app.secrets(browser));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void plainHttpEndpointsAreRefusedInProduction(Containers.Kind kind) throws Exception {
    // QF_ENV=production allows a loopback http base (a local test server), but every endpoint
    // discovery names must be https (the stand-in's are http).
    try (HostileApp app =
        new HostileApp(rig.qf(), kind, b -> b.environment(QfEnvironment.PRODUCTION))) {
      Browser browser = new Browser();
      int stored = app.store.puts();
      HttpResponse<String> refused = browser.get(app.loginUrl("/"));
      app.assertRefused(browser, refused, PROVIDER_UNAVAILABLE, stored);
      assertTrue(refused.body().contains("must use https in production"), refused.body());
      assertEquals(0, rig.qf().hostile.tokenCalls());
    }
  }
}
