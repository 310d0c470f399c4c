package dev.qfauth;

import static dev.qfauth.QfErrorCode.ID_TOKEN_INVALID;
import static dev.qfauth.QfErrorCode.LOGIN_STATE_INVALID;
import static dev.qfauth.QfErrorCode.PROVIDER_UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provider's keys: rotation keeps working, unusable or unpublished keys and broken JWKS
 * endpoints refuse the sign-in in bounded time, and a flood of unknown kids does not turn the
 * filter into a JWKS fetcher (OIDC Core 10.1, RFC 7517, RFC 7518 3.3, RFC 8725). The filter caches
 * keys, so every case starts a fresh app after injecting the defect.
 */
final class KeyDefectsTest {
  /**
   * Key handling is the filter's, not the container's, and every case starts an app: one container
   * here (the other families run on both).
   */
  private static final Containers.Kind KEYS_ON = Containers.Kind.JETTY;

  @RegisterExtension static final Rig rig = new Rig();

  static QfErrorCode expected(QfDefect defect) {
    return switch (defect) {
      // The keys cannot be loaded at all: the provider is broken, not the token.
      case KEYS_JWKS_DOWN,
          KEYS_JWKS_NOT_JSON,
          KEYS_JWKS_MALFORMED_KEY,
          KEYS_JWKS_HUGE,
          KEYS_JWKS_NEVER_ENDING,
          KEYS_JWKS_REDIRECTED ->
          PROVIDER_UNAVAILABLE;
      default -> ID_TOKEN_INVALID;
    };
  }

  static Stream<Case> refused() {
    return Case.of(
        QfDefect.Family.KEYS, QfDefect.Expectation.FAILS, KeyDefectsTest::expected, KEYS_ON);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void unusableKeysRefuseTheSignInInBoundedTime(Case c) throws Exception {
    QfHostileProvider hostile = rig.qf().hostile;
    hostile.inject(c.defect());
    try (HostileApp app = new HostileApp(rig.qf(), c.kind());
        LogCapture logs = new LogCapture()) {
      app.discovered();
      Browser browser = new Browser();
      int stored = app.store.puts();
      HostileApp.Attempt attempt = app.attempt(browser, "/private/page");
      Duration took = attempt.callbackTook();

      app.assertRefused(browser, attempt.callback(), expected(c.defect()), stored);
      assertTrue(took.compareTo(Duration.ofMillis(2_000)) < 0, "bounded time: took " + took);
      Evidence.assertNoThreadWaitingOnQf();
      assertEquals(1, hostile.tokenCalls(), "one code exchange");
      assertEquals(0, hostile.apiCalls(), "User API calls");
      assertEquals(0, hostile.attackerCalls(), "keys fetched off the provider's origin");
      assertTrue(hostile.jwksFetches() <= 2, "JWKS fetches: " + hostile.jwksFetches());

      hostile.clear();
      app.assertRefused(browser, browser.get(attempt.callbackUrl()), LOGIN_STATE_INVALID, stored);
      Evidence.assertNoSecretIn(attempt.callback().body(), app.secrets(browser));
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), app.secrets(browser));
    }
  }

  static Stream<Case> tolerated() {
    return Stream.concat(
        Case.of(QfDefect.Family.KEYS, QfDefect.Expectation.SUCCEEDS, d -> null, KEYS_ON),
        Case.of(QfDefect.Family.KEYS, QfDefect.Expectation.EITHER, d -> null, KEYS_ON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tolerated")
  void rotatedOrKidlessButPublishedKeysStillSignIn(Case c) throws Exception {
    QfHostileProvider hostile = rig.qf().hostile;
    try (HostileApp app = new HostileApp(rig.qf(), c.kind());
        LogCapture logs = new LogCapture()) {
      Rig.warmUp(app); // keys cached before the provider changes them
      hostile.resetCounts();
      hostile.inject(c.defect());
      Browser browser = app.signedIn("alice");
      // A kid the cache does not know costs exactly one refetch; none without a kid to look up.
      assertEquals(c.defect() == QfDefect.KEYS_ROTATED ? 1 : 0, hostile.jwksFetches());
      app.signIn(new Browser(), "bilal");
      assertTrue(hostile.jwksFetches() <= 1, "the new key is cached: " + hostile.jwksFetches());
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), app.secrets(browser));
    }
  }

  @Test
  void floodOfUnknownKidsIsRefusedWithAtMostOneJwksRefetch() throws Exception {
    QfHostileProvider hostile = rig.qf().hostile;
    try (HostileApp app = new HostileApp(rig.qf(), Containers.Kind.JETTY)) {
      Rig.warmUp(app);
      hostile.resetCounts();
      hostile.inject(QfDefect.KEYS_KID_UNKNOWN); // a fresh random kid in every ID token
      int refusedAsBadToken = 0;
      for (int i = 0; i < 15; i++) {
        Browser browser = new Browser();
        HttpResponse<String> refused = app.attempt(browser, "/").callback();
        assertTrue(refused.statusCode() == 502 || refused.statusCode() == 503, refused.body());
        refusedAsBadToken += refused.body().contains("Error code: id_token_invalid") ? 1 : 0;
        assertEquals("anonymous", app.whoami(browser));
      }
      // nimbus refetches on an unknown kid at most once per 10 s; later ones are refused unseen
      assertTrue(hostile.jwksFetches() <= 1, "JWKS fetches: " + hostile.jwksFetches());
      assertTrue(refusedAsBadToken >= 1, "the first was refused as a bad token");
      hostile.clear();
      app.signIn(new Browser(), "alice"); // known keys still work during and after the flood
      assertTrue(hostile.jwksFetches() <= 1);
    }
  }
}
