package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testsupport.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The filter in a real container (embedded Jetty 12 or Tomcat 11) in front of the test app of
 * {@link Containers}, signed in through {@link HostileQf}. Short timeouts (connect 500 ms, whole
 * request 1 s), a movable clock, and a session store that counts what it stored.
 */
final class HostileApp implements AutoCloseable {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

  final HostileQf qf;
  final Containers.Kind kind;
  final MovableClock clock = new MovableClock();
  final RecordingSessionStore store = new RecordingSessionStore(clock);
  final QfAuthConfig config;
  final Containers.Running app;

  HostileApp(HostileQf qf, Containers.Kind kind) throws Exception {
    this(qf, kind, b -> b);
  }

  HostileApp(HostileQf qf, Containers.Kind kind, UnaryOperator<QfAuthConfig.Builder> tweak)
      throws Exception {
    this(qf, kind, "http", tweak);
  }

  /**
   * @param scheme of the redirect URI: "https" stands for an app behind a TLS proxy (served here
   *     over plain http)
   */
  HostileApp(
      HostileQf qf, Containers.Kind kind, String scheme, UnaryOperator<QfAuthConfig.Builder> tweak)
      throws Exception {
    this.qf = qf;
    this.kind = kind;
    int port = Containers.freePort();
    String redirect = scheme + "://127.0.0.1:" + port + "/callback";
    QfAuthConfig.Builder builder =
        QfAuthConfig.builder()
            .clientId(HostileQf.CLIENT_ID)
            .clientSecret(HostileQf.CLIENT_SECRET)
            .authBaseUrl(qf.standIn.authBaseUrl())
            .apiBaseUrl(qf.standIn.apiBaseUrl())
            .redirectUri(URI.create(redirect))
            .protectedPaths("/private/*", "/collections")
            .connectTimeout(Duration.ofMillis(500))
            .requestTimeout(REQUEST_TIMEOUT)
            .sessionStore(store)
            .clock(clock);
    this.config = tweak.apply(builder).build();
    qf.allowRedirect(config.redirectUri().toString());
    this.app = Containers.start(kind, port, config);
  }

  /**
   * Waits until the filter has discovered QF: a fresh JVM's first discovery can miss the 1 s
   * deadline, and the filter then waits 2 s before asking again, which the clock skips.
   */
  HostileApp discovered() {
    for (int i = 0; i < 3; i++) {
      if (new Browser().get(loginUrl(null)).statusCode() == 302) {
        return this;
      }
      clock.advance(Duration.ofSeconds(3));
    }
    throw new AssertionError("the filter never discovered the stand-in");
  }

  String url(String path) {
    return app.base() + path;
  }

  /** One sign-in as a browser makes it: the app's /login, QF's authorize, the app's callback. */
  record Attempt(
      HttpResponse<String> login,
      String state,
      String callbackUrl,
      HttpResponse<String> callback,
      Duration callbackTook) {}

  Attempt attempt(Browser browser, String returnTo) {
    return attempt(browser, returnTo, "alice");
  }

  Attempt attempt(Browser browser, String returnTo, String user) {
    HttpResponse<String> login = browser.get(loginUrl(returnTo));
    if (login.statusCode() != 302) {
      return new Attempt(login, null, null, null, Duration.ZERO);
    }
    String authorize = Browser.location(login);
    String state = Browser.query(authorize).get("state");
    qf.standIn.autoLogin(user);
    HttpResponse<String> approved = browser.get(authorize);
    assertEquals(302, approved.statusCode(), "the stand-in approves: " + approved.body());
    String callbackUrl = overHttp(Browser.location(approved));
    long started = System.nanoTime();
    HttpResponse<String> callback = browser.get(callbackUrl);
    return new Attempt(
        login, state, callbackUrl, callback, Duration.ofNanos(System.nanoTime() - started));
  }

  String loginUrl(String returnTo) {
    return url("/login")
        + (returnTo == null
            ? ""
            : "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
  }

  /** A sign-in that must work; returns where the callback sent the browser. */
  String signIn(Browser browser, String user) {
    Attempt attempt = attempt(browser, "/private/page", user);
    assertNotNull(attempt.callback(), () -> "login refused: " + attempt.login().body());
    assertEquals(302, attempt.callback().statusCode(), attempt.callback().body());
    assertTrue(
        whoami(browser).contains("sub="), "signed in after the callback: " + whoami(browser));
    return Browser.location(attempt.callback());
  }

  /** A new browser, signed in as {@code user} ({@link #signIn}). */
  Browser signedIn(String user) {
    Browser browser = new Browser();
    signIn(browser, user);
    return browser;
  }

  /**
   * A new browser signed in as alice while QF shows {@code defect}, one the filter must tolerate:
   * the sign-in works and takes exactly one code exchange.
   */
  Browser signedInDespite(QfDefect defect) {
    qf.hostile.inject(defect);
    Browser browser = signedIn("alice");
    assertEquals(1, qf.hostile.tokenCalls(), "one code exchange");
    return browser;
  }

  /**
   * The app's /login and QF's authorize as {@code user} in {@code browser}: the callback URL QF
   * sends it to, not yet opened (for a test that opens it late, twice or elsewhere).
   */
  String unopenedCallback(Browser browser, String returnTo, String user) {
    HttpResponse<String> login = browser.get(loginUrl(returnTo));
    qf.standIn.autoLogin(user);
    return Browser.location(browser.get(Browser.location(login)));
  }

  String whoami(Browser browser) {
    return browser.get(url("/whoami")).body();
  }

  /**
   * The response is the filter's error page for {@code code}, and nothing was signed in: no session
   * cookie, nothing stored, the app sees an anonymous user.
   */
  void assertRefused(
      Browser browser, HttpResponse<String> response, QfErrorCode code, int storedBefore) {
    assertNotNull(response, "no response");
    String body = response.body();
    assertEquals(code.httpStatus(), response.statusCode(), body);
    assertTrue(
        body.contains("Error code: " + code.name().toLowerCase(Locale.ROOT)),
        "the page names " + code + ": " + body);
    assertFalse(
        response.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.startsWith(Cookies.SESSION + "=") && !c.startsWith("QF_SESSION=;")),
        "no session cookie: " + response.headers().allValues("Set-Cookie"));
    assertNull(browser.cookie(Cookies.SESSION), "no session cookie in the browser");
    assertEquals(storedBefore, store.puts(), "nothing stored in the session store");
    assertEquals("anonymous", whoami(browser), "the app sees no user");
  }

  /** Every value a log line must never carry, from the provider's ledger and the browser. */
  Set<String> secrets(Browser... browsers) {
    Set<String> secrets = new HashSet<>(qf.hostile.secretsSeen());
    secrets.add(HostileQf.CLIENT_SECRET);
    secrets.add(TokenEndpoint.form(HostileQf.CLIENT_SECRET));
    for (Browser browser : browsers) {
      for (String cookie : new String[] {Cookies.SESSION, Cookies.BROWSER}) {
        if (browser.cookie(cookie) != null) {
          secrets.add(browser.cookie(cookie));
        }
      }
    }
    return secrets;
  }

  /** The stand-in redirects to the registered URI; an https one is served here over http. */
  private static String overHttp(String location) {
    return location.startsWith("https://127.0.0.1:")
        ? "http://" + location.substring("https://".length())
        : location;
  }

  @Override
  public void close() {
    try {
      app.close();
    } catch (Exception e) {
      throw new IllegalStateException("the container did not stop", e);
    }
  }
}
