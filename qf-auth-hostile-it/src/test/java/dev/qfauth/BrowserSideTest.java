package dev.qfauth;

import static dev.qfauth.QfErrorCode.FORBIDDEN_ORIGIN;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a hostile page or link can do in the user's browser (RFC 9700 4.11, 4.7; RFC 6749 10.12; RFC
 * 6265bis): redirect the user off the app through the return-to target, read or plant cookies, sign
 * the user out from another site, or flood the app with sign-ins in progress.
 */
final class BrowserSideTest {
  @RegisterExtension static final Rig rig = new Rig();

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void openRedirectPayloadsThroughReturnToNeverLeaveTheApp(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    List<String> payloads = ReturnToTest.openRedirectPayloads().toList();
    assertTrue(payloads.size() >= 80, "a large list of known payloads: " + payloads.size());
    List<String> escaped = new ArrayList<>();
    for (String payload : payloads) {
      Browser browser = new Browser();
      HostileApp.Attempt attempt = app.attempt(browser, payload);
      if (attempt.callback() == null) {
        // Too long for the container's request line: refused before the filter sees it.
        int status = attempt.login().statusCode();
        if (status != 414 && status != 431 && status != 400) {
          escaped.add(printable(payload) + " -> /login answered " + status);
        }
        continue;
      }
      String landing = Browser.location(attempt.callback());
      if (attempt.callback().statusCode() != 302 || !"/".equals(landing)) {
        escaped.add(printable(payload) + " -> " + landing);
      }
    }
    assertEquals(List.of(), escaped, "every payload lands on / after signing in");
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void sameOriginReturnToIsKeptExactly(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    for (String path : List.of("/private/page?x=1&y=%2Fz", "/a/b/c", "/search?q=caf%C3%A9")) {
      HostileApp.Attempt attempt = app.attempt(new Browser(), path);
      assertEquals(path, Browser.location(attempt.callback()));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void cookiesAreHttpOnlyLaxOpaqueAndSecureOverHttps(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    Browser browser = new Browser();
    HostileApp.Attempt attempt = app.attempt(browser, "/");
    String login = cookie(attempt.login(), Cookies.BROWSER);
    String session = cookie(attempt.callback(), Cookies.SESSION);
    assertAll(
        () -> assertTrue(login.contains("; HttpOnly; SameSite=Lax"), login),
        () -> assertTrue(login.contains("; Path=/; Max-Age=600"), login),
        () -> assertFalse(login.contains("Secure"), "http app: " + login),
        () -> assertTrue(session.contains("; HttpOnly; SameSite=Lax"), session),
        () -> assertTrue(session.contains("; Path=/; Max-Age=86400"), session),
        () -> assertFalse(session.contains("Secure"), "http app: " + session));
    String handle = browser.cookie(Cookies.SESSION);
    assertTrue(handle.matches("[A-Za-z0-9_-]{43}"), "an opaque random handle");
    for (String secret : rig.qf().hostile.secretsSeen()) {
      assertFalse(secret.contains(handle) || handle.contains(secret), "a token in the cookie");
    }
    HttpResponse<String> out =
        browser.post(
            app.url("/logout"), "application/x-www-form-urlencoded", "", "Origin", app.app.base());
    assertTrue(cookie(out, Cookies.SESSION).contains("Max-Age=0"), "logout clears the cookie");

    // Behind TLS (the redirect URI is https) at the root: both cookies also get Secure, and the
    // __Host- prefix (QF_COOKIE_HOST_PREFIX=auto), which no sibling subdomain or path can plant.
    try (HostileApp tls = new HostileApp(rig.qf(), kind, "https", b -> b)) {
      Browser secure = new Browser();
      HostileApp.Attempt overTls = tls.discovered().attempt(secure, "/");
      String hostLogin = cookie(overTls.login(), Cookies.HOST_PREFIX + Cookies.BROWSER);
      String hostSession = cookie(overTls.callback(), Cookies.HOST_PREFIX + Cookies.SESSION);
      for (String set : List.of(hostLogin, hostSession)) {
        assertTrue(set.contains("; Path=/;") && set.endsWith("; Secure"), set);
        assertFalse(set.contains("Domain="), set);
      }
      assertEquals(302, overTls.callback().statusCode(), overTls.callback().body());
      assertTrue(tls.whoami(secure).contains("sub="), "signed in with the prefixed cookie");
    }
    // QF_COOKIE_HOST_PREFIX=false keeps the plain names over https.
    try (HostileApp tls =
        new HostileApp(
            rig.qf(), kind, "https", b -> b.cookieHostPrefix(QfAuthConfig.HostPrefix.NEVER))) {
      HostileApp.Attempt overTls = tls.discovered().attempt(new Browser(), "/");
      assertTrue(cookie(overTls.callback(), Cookies.SESSION).endsWith("; Secure"));
    }
  }

  /**
   * Cookie tossing (RFC 6265bis 8.6, 4.1.3.2): a sibling subdomain plants the handle of the
   * attacker's own session beside the victim's, in front of it (a longer Path sorts first). The
   * request signs nobody in, gets login_state_invalid, and both cookies are cleared.
   */
  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void tossedSessionCookieSignsNobodyInAndBothAreCleared(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    Browser attacker = app.signedIn("bilal");
    Browser victim = app.signedIn("alice");
    String planted = Cookies.SESSION + "=" + attacker.cookie(Cookies.SESSION);
    for (String path : List.of("/whoami", "/private/page")) {
      int stored = app.store.puts();
      HttpResponse<String> tossed = victim.get(app.url(path), "Cookie", planted);
      assertTrue(
          tossed.headers().allValues("Set-Cookie").stream()
              .anyMatch(c -> c.startsWith(Cookies.BROWSER + "=;") && c.contains("Max-Age=0")),
          "the binding is cleared too: " + tossed.headers().allValues("Set-Cookie"));
      app.assertRefused(victim, tossed, QfErrorCode.LOGIN_STATE_INVALID, stored);
      assertFalse(tossed.body().contains("bilal") || tossed.body().contains("alice"));
      app.signIn(victim, "alice"); // signing in again works while nothing is planted
    }
  }

  /**
   * Login CSRF by cookie tossing: the attacker plants its own QF_LOGIN binding beside the victim's
   * and opens its own authorization response in the victim's browser. Before the fix the attacker's
   * binding came first and the victim was signed in to the attacker's account.
   */
  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void tossedLoginCookieCompletesNoSignIn(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    Browser attacker = new Browser();
    String callback = app.unopenedCallback(attacker, "/", "bilal");
    String planted = Cookies.BROWSER + "=" + attacker.cookie(Cookies.BROWSER);

    Browser victim = new Browser();
    assertEquals(302, victim.get(app.loginUrl("/")).statusCode(), "the victim's own sign-in");
    int stored = app.store.puts();
    app.assertRefused(
        victim, victim.get(callback, "Cookie", planted), QfErrorCode.LOGIN_STATE_INVALID, stored);
    assertNull(victim.cookie(Cookies.BROWSER), "the victim's binding is cleared");
    assertEquals(0, rig.qf().hostile.tokenCalls(), "the attacker's code never reached QF");
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void plantedSessionCookieIsReplacedAtSignIn(Containers.Kind kind) throws Exception {
    // Session fixation: an attacker who planted a handle must not share the session it becomes.
    HostileApp app = rig.app(kind);
    String planted = "A".repeat(43);
    Browser victim = new Browser();
    victim.cookie(Cookies.SESSION, planted);
    app.signIn(victim, "alice");
    assertNotEquals(planted, victim.cookie(Cookies.SESSION));
    Browser attacker = new Browser();
    attacker.cookie(Cookies.SESSION, planted);
    assertEquals("anonymous", app.whoami(attacker));
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void crossSiteLogoutIsRefusedAndRevokesNothing(Containers.Kind kind) throws Exception {
    HostileApp app = rig.app(kind);
    Browser browser = app.signedIn("alice");
    String logout = app.url("/logout");
    String form = "application/x-www-form-urlencoded";
    List<String[]> forged =
        List.of(
            new String[] {"Origin", "https://evil.example"},
            new String[] {"Origin", "null"}, // a sandboxed iframe or a data: URL
            new String[] {"Origin", "http://127.0.0.1:1"}, // same host, another port
            new String[] {"Sec-Fetch-Site", "cross-site"},
            new String[] {"Sec-Fetch-Site", "same-site"}, // a sibling subdomain
            new String[] {"Referer", "https://evil.example/page"}, // a browser without Origin
            new String[] {}); // nothing names an origin: such a browser, Referer suppressed
    for (String[] header : forged) {
      HttpResponse<String> refused = browser.post(logout, form, "", header);
      assertEquals(FORBIDDEN_ORIGIN.httpStatus(), refused.statusCode(), String.join(": ", header));
      assertTrue(refused.body().contains("forbidden_origin"), refused.body());
    }
    HttpResponse<String> linked = browser.get(logout); // <img src=/logout>, a link
    assertEquals(200, linked.statusCode());
    assertTrue(linked.body().contains("<form method=\"post\""), "a GET only offers a button");

    assertTrue(app.whoami(browser).contains("sub="), "still signed in");
    assertEquals(0, rig.qf().standIn.revocationCalls(), "nothing revoked at QF");

    HttpResponse<String> out =
        browser.post(logout, form, "", "Origin", app.app.base(), "Sec-Fetch-Site", "same-origin");
    assertEquals(303, out.statusCode());
    assertNull(browser.cookie(Cookies.SESSION));
    assertEquals("anonymous", app.whoami(browser));
    assertEquals(1, rig.qf().standIn.revocationCalls(), "the refresh token is revoked");
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void floodOfPendingSignInsStaysBoundedAndLaterSignInsStillComplete(Containers.Kind kind)
      throws Exception {
    try (HostileApp app = new HostileApp(rig.qf(), kind, b -> b.maxPendingLogins(100))) {
      app.discovered();
      rig.qf().reset();
      // An attacker starts 1,000 sign-ins it never finishes (each costs it one GET).
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> flood = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
          flood.add(pool.submit(() -> new Browser().get(app.loginUrl("/")).statusCode()));
        }
        for (Future<Integer> started : flood) {
          assertEquals(302, started.get());
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(pendingLogins(app) <= 100, "bounded: " + pendingLogins(app) + " pending");

      // Then real users: one starts, 30 more start after it, and the first comes back from QF.
      Browser user = new Browser();
      HttpResponse<String> login = user.get(app.loginUrl("/private/page"));
      for (int i = 0; i < 30; i++) {
        new Browser().get(app.loginUrl("/"));
      }
      rig.qf().standIn.autoLogin("alice");
      String callback = Browser.location(user.get(Browser.location(login)));
      HttpResponse<String> done = user.get(callback);
      assertEquals(
          302, done.statusCode(), "a sign-in started after the flood completes: " + done.body());
      assertTrue(app.whoami(user).contains("sub="));
      assertTrue(pendingLogins(app) <= 100);
    }
  }

  private static long pendingLogins(HostileApp app) {
    return app.app.filter().pendingLogins();
  }

  private static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie set"));
  }

  private static String printable(String s) {
    return s.chars()
        .mapToObj(
            c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c))
        .collect(Collectors.joining());
  }
}
