package dev.qfauth;

import static dev.qfauth.QfErrorCode.ID_TOKEN_INVALID;
import static dev.qfauth.QfErrorCode.LOGIN_STATE_INVALID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ID token of a real code exchange, with one thing wrong in its JOSE header, signature or
 * claims (OIDC Core 3.1.3.7, RFC 8725, RFC 7515, RFC 7519): refused as {@code id_token_invalid}.
 * The code was redeemed once; nothing is signed in, the User API is never called, the sign-in is
 * used up, no key is fetched from a URL the token names, and no token reaches the log.
 */
final class IdTokenDefectsTest {
  @RegisterExtension static final Rig rig = new Rig();

  static Stream<Case> defects() {
    return Case.of(QfDefect.Family.ID_TOKEN, QfDefect.Expectation.FAILS, d -> ID_TOKEN_INVALID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void spoiltIdTokenIsRefusedWithNothingSignedIn(Case c) throws Exception {
    HostileApp app = rig.app(c.kind());
    QfHostileProvider hostile = rig.qf().hostile;
    if (c.defect() == QfDefect.ID_TOKEN_FROM_EARLIER_LOGIN) {
      app.signIn(new Browser(), "alice"); // the earlier sign-in whose ID token is replayed
      hostile.resetCounts();
    }
    Browser browser = new Browser();
    int stored = app.store.puts();
    try (LogCapture logs = new LogCapture()) {
      hostile.inject(c.defect());
      HostileApp.Attempt attempt = app.attempt(browser, "/private/page");

      app.assertRefused(browser, attempt.callback(), ID_TOKEN_INVALID, stored);
      assertEquals(1, hostile.tokenCalls(), "one code exchange");
      assertEquals(0, hostile.apiCalls(), "User API calls");
      assertEquals(0, hostile.attackerCalls(), "a key was fetched from where the token said");

      hostile.clear();
      HttpResponse<String> replay = browser.get(attempt.callbackUrl());
      app.assertRefused(browser, replay, LOGIN_STATE_INVALID, stored);
      assertEquals(1, hostile.tokenCalls(), "the replay reached QF");

      Evidence.assertNoSecretIn(attempt.callback().body(), app.secrets(browser));
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), app.secrets(browser));
    }
  }

  static Stream<Case> tolerated() {
    return Case.of(QfDefect.Family.ID_TOKEN, QfDefect.Expectation.SUCCEEDS, d -> null);
  }

  /** What the standard leaves optional is not required: the sign-in completes with one exchange. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("tolerated")
  void idTokenWithoutOptionalClaimsStillSignsIn(Case c) throws Exception {
    rig.app(c.kind()).signedInDespite(c.defect());
  }
}
