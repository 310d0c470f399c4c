package dev.qfauth;

import static dev.qfauth.QfErrorCode.CALLBACK_INVALID;
import static dev.qfauth.QfErrorCode.LOGIN_DENIED;
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
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorization response, tampered with by the provider or replayed by an attacker: refused
 * with the specific reason, before any token request (OIDC Core 3.1.2.7, RFC 6749 4.1.2 / 10.12 /
 * 10.14, RFC 9207, RFC 9700 4.7), with nothing signed in, no User API call and no secret in the
 * log.
 */
final class CallbackDefectsTest {
  @RegisterExtension static final Rig rig = new Rig();

  /** How the filter answers a tampered authorization response. */
  record Expected(QfErrorCode code, int tokenCalls, boolean pendingLoginUsedUp) {}

  static Expected expected(QfDefect defect) {
    return switch (defect) {
      // No state, or one we never issued: nothing to bind it to; the real sign-in keeps waiting.
      case CALLBACK_STATE_MISSING,
          CALLBACK_STATE_WRONG,
          CALLBACK_STATE_MARKUP,
          CALLBACK_ERROR_WITHOUT_STATE ->
          new Expected(LOGIN_STATE_INVALID, 0, false);
      case CALLBACK_STATE_DUPLICATED,
          CALLBACK_CODE_MISSING,
          CALLBACK_CODE_DUPLICATED,
          CALLBACK_CODE_OVERSIZED,
          CALLBACK_CODE_CONTROL_CHARACTERS,
          CALLBACK_ISS_WRONG ->
          new Expected(CALLBACK_INVALID, 0, true);
      case CALLBACK_ERROR_WITH_STATE,
          CALLBACK_ERROR_AND_CODE,
          CALLBACK_ERROR_DESCRIPTION_MARKUP,
          CALLBACK_ERROR_DESCRIPTION_LOG_FORGING ->
          new Expected(LOGIN_DENIED, 0, true);
      // RFC 6749 A.11 allows these characters in a code: it goes (form-encoded) to QF, which
      // refuses it. Nothing is reflected unescaped.
      case CALLBACK_CODE_MARKUP -> new Expected(TOKEN_EXCHANGE_FAILED, 1, true);
      default -> throw new IllegalArgumentException(defect + " is not refused");
    };
  }

  static Stream<Case> refusedDefects() {
    return Case.of(QfDefect.Family.CALLBACK, QfDefect.Expectation.FAILS, d -> expected(d).code());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedDefects")
  void tamperedAuthorizationResponseIsRefusedWithNothingSignedIn(Case c) throws Exception {
    HostileApp app = rig.app(c.kind());
    QfHostileProvider hostile = rig.qf().hostile;
    Expected expected = expected(c.defect());
    Browser browser = new Browser();
    int stored = app.store.puts();
    try (LogCapture logs = new LogCapture()) {
      hostile.inject(c.defect());
      HostileApp.Attempt attempt = app.attempt(browser, "/private/page");
      HttpResponse<String> refused = attempt.callback();

      app.assertRefused(browser, refused, expected.code(), stored);
      assertEquals(expected.tokenCalls(), hostile.tokenCalls(), "token requests");
      assertEquals(0, hostile.apiCalls(), "User API calls");
      assertEquals(0, hostile.attackerCalls(), "requests to the attacker's host");
      assertFalse(refused.body().contains("<script"), "markup reflected: " + refused.body());
      assertFalse(refused.body().contains("<img"), "markup reflected: " + refused.body());
      assertFalse(refused.body().contains("<svg"), "markup reflected: " + refused.body());

      // The sign-in the response belonged to: used up (a replay of the untouched response is
      // refused and never reaches QF), or, when the response could not name it, still waiting.
      hostile.clear();
      HttpResponse<String> genuine =
          browser.get(hostile.lastGenuineRedirect().orElseThrow().toString());
      if (expected.pendingLoginUsedUp()) {
        app.assertRefused(browser, genuine, LOGIN_STATE_INVALID, stored);
        assertEquals(expected.tokenCalls(), hostile.tokenCalls(), "the replay reached QF");
      } else {
        assertEquals(302, genuine.statusCode(), genuine.body());
        assertTrue(app.whoami(browser).contains("sub="), "the real sign-in still completes");
      }

      String filterLogs = Evidence.filterLogs(logs);
      Set<String> secrets = new HashSet<>(app.secrets(browser));
      secrets.add(attempt.state());
      Evidence.assertNoSecretIn(refused.body(), secrets);
      Evidence.assertNoSecretIn(filterLogs, secrets);
      assertFalse(filterLogs.contains("\nSEVERE: dev.qfauth.SignIns QF user admin"), filterLogs);
      assertFalse(
          filterLogs.matches("(?s).*[\u2028\u202e\u0000].*"), "invisible characters logged");
    }
  }

  static Stream<Case> allowedVariants() {
    return Case.of(QfDefect.Family.CALLBACK, QfDefect.Expectation.SUCCEEDS, d -> null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowedVariants")
  void allowedAuthorizationResponseVariantsStillSignInWithTheCodesTokens(Case c) throws Exception {
    HostileApp app = rig.app(c.kind());
    QfHostileProvider hostile = rig.qf().hostile;
    try (LogCapture logs = new LogCapture()) {
      Browser browser = app.signedInDespite(c.defect());
      // The session holds the tokens of the code exchange: the User API accepts its access token
      // at once (an injected front-channel token would get a 401 and a refresh).
      HttpResponse<String> api = browser.get(app.url("/collections"));
      assertEquals(200, api.statusCode(), api.body());
      assertEquals(1, hostile.apiCalls());
      assertEquals(0, rig.qf().standIn.tokenCalls("refresh_token"));
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), app.secrets(browser));
    }
  }

  // ---- attacks that need no provider help --------------------------------------------------

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void replayedCallbackIsRefusedAndTheCodeGoesToQfOnce(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    Browser browser = new Browser();
    try (LogCapture logs = new LogCapture()) {
      HostileApp.Attempt first = app.attempt(browser, "/");
      assertEquals(302, first.callback().statusCode());
      Browser sameUserLater = new Browser();
      sameUserLater.cookie(Cookies.BROWSER, browser.cookie(Cookies.BROWSER));
      int stored = app.store.puts();
      HttpResponse<String> replay = sameUserLater.get(first.callbackUrl());
      app.assertRefused(sameUserLater, replay, LOGIN_STATE_INVALID, stored);
      assertEquals(1, rig.qf().hostile.tokenCalls(), "the code went to QF once");
      Evidence.assertNoSecretIn(Evidence.filterLogs(logs), app.secrets(browser, sameUserLater));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void callbackAfterTheSignInExpiredIsRefused(Containers.Kind kind) throws Exception {
    try (HostileApp app =
        new HostileApp(rig.qf(), kind, b -> b.loginTimeout(Duration.ofSeconds(30)))) {
      rig.qf().reset();
      Browser browser = new Browser();
      String callback = app.unopenedCallback(browser, "/", "alice");
      app.clock.advance(
          Duration.ofSeconds(31)); // the user took longer than QF_LOGIN_TIMEOUT_SECONDS
      int stored = app.store.puts();
      app.assertRefused(browser, browser.get(callback), LOGIN_STATE_INVALID, stored);
      assertEquals(0, rig.qf().hostile.tokenCalls());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void callbackDeliveredToAnotherBrowserIsRefused(Containers.Kind kind) throws Exception {
    // Login CSRF (RFC 6749 10.12, RFC 9700 4.7): the attacker signs in to their own account and
    // makes the victim's browser open the callback, so the victim would use the attacker's account.
    HostileApp app = rig.app(kind);
    Browser attacker = new Browser();
    String callback = app.unopenedCallback(attacker, "/", "bilal");

    for (Browser victim : new Browser[] {new Browser(), victimWithItsOwnSignInInProgress(app)}) {
      int stored = app.store.puts();
      app.assertRefused(victim, victim.get(callback), LOGIN_STATE_INVALID, stored);
    }
    assertEquals(0, rig.qf().hostile.tokenCalls(), "the attacker's code never reached QF");
    // and the attacker's own sign-in was burned by the first attempt
    int stored = app.store.puts();
    app.assertRefused(attacker, attacker.get(callback), LOGIN_STATE_INVALID, stored);
  }

  private static Browser victimWithItsOwnSignInInProgress(HostileApp app) {
    Browser victim = new Browser();
    assertEquals(302, victim.get(app.loginUrl("/")).statusCode());
    return victim;
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void callbackPostedFromAnotherSiteIsRefused(Containers.Kind kind) throws Exception {
    // response_mode=form_post is never asked for; a cross-site POST would also arrive without the
    // SameSite=Lax binding cookie.
    HostileApp app = rig.app(kind);
    Browser browser = new Browser();
    HostileApp.Attempt attempt = app.attempt(browser, "/");
    assertEquals(302, attempt.callback().statusCode());
    Browser victim = new Browser();
    HttpResponse<String> login = victim.get(app.loginUrl("/"));
    String state = Browser.query(Browser.location(login)).get("state");
    int stored = app.store.puts();
    HttpResponse<String> posted =
        victim.post(
            app.url("/callback"),
            "application/x-www-form-urlencoded",
            "code=attacker-code&state=" + state,
            "Origin",
            "https://evil.example");
    app.assertRefused(victim, posted, CALLBACK_INVALID, stored);
    assertEquals(1, rig.qf().hostile.tokenCalls(), "only the first, genuine sign-in reached QF");
  }
}
