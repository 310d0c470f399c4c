package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestClient;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The filter in a real container against a {@link QfStandIn}, the strict local QF: the set-up of
 * the behaviour tests (sign-in, refresh, logout, the app exchange). Sign-ins go through the
 * stand-in's authorization endpoint with a real code, PKCE and an ID token it signed, so a test
 * fails when the filter and Hydra's rules part ways. Wire checks and injected faults the stand-in
 * cannot express stay on {@link Fixture} (WireMock).
 */
final class StandInFixture implements AutoCloseable {
  static final String CLIENT_ID = FakeQf.CLIENT_ID;
  static final String CLIENT_SECRET = FakeQf.CLIENT_SECRET;
  static final String SCOPE = Fixture.SCOPE;

  /** The native app's redirect URI, registered for the back-end exchange. */
  static final String APP_REDIRECT = "com.example.app:/oauth";

  /** Users whose {@code sub} is their username, so a page can be checked for {@code sub=alice}. */
  static final QfTestUser ALICE = user("alice");

  static final QfTestUser BILAL = user("bilal");

  static final QfTestUser MALLORY = user("mallory");

  final QfStandIn qf;
  final QfAuthConfig config;
  final Containers.Running app;

  /** The time of the app and its stand-in when made by {@link #onClock}; otherwise {@code null}. */
  final TestClock clock;

  private final boolean ownsStandIn;

  /** The app against {@code qf} (say from a {@code QfStandInExtension}); {@code qf} stays open. */
  StandInFixture(QfStandIn qf, Containers.Kind kind) throws Exception {
    this(qf, kind, b -> b);
  }

  StandInFixture(QfStandIn qf, Containers.Kind kind, UnaryOperator<QfAuthConfig.Builder> tweak)
      throws Exception {
    this(qf, false, kind, null, tweak);
  }

  private StandInFixture(
      QfStandIn qf,
      boolean ownsStandIn,
      Containers.Kind kind,
      TestClock clock,
      UnaryOperator<QfAuthConfig.Builder> tweak)
      throws Exception {
    this.qf = qf;
    this.ownsStandIn = ownsStandIn;
    this.clock = clock;
    int port = Containers.freePort();
    QfAuthConfig.Builder builder =
        QfAuthConfig.builder()
            .clientId(CLIENT_ID)
            .clientSecret(CLIENT_SECRET)
            .authBaseUrl(qf.authBaseUrl())
            .apiBaseUrl(qf.apiBaseUrl())
            .redirectUri(URI.create("http://127.0.0.1:" + port + "/callback"))
            .protectedPaths("/private/*", "/collections")
            .exchangeRedirectUris(URI.create(APP_REDIRECT));
    this.config = tweak.apply(builder).build();
    qf.client(
            QfTestClient.confidential(CLIENT_ID, CLIENT_SECRET)
                .redirectUris(config.redirectUri().toString(), APP_REDIRECT)
                .build())
        .user(ALICE)
        .user(BILAL)
        .user(MALLORY);
    try {
      this.app = Containers.start(kind, port, config);
    } catch (Exception | Error e) {
      if (ownsStandIn) {
        qf.close();
      }
      throw e;
    }
  }

  /**
   * The app and a stand-in of its own that keep one time, {@link #clock} (starting at the present),
   * for tests that move time: tokens expire for both at once.
   */
  static StandInFixture onClock(Containers.Kind kind) throws Exception {
    TestClock clock = TestClock.atPresent();
    QfStandIn qf = QfStandIn.builder().clock(clock).start();
    return new StandInFixture(qf, true, kind, clock, b -> b.clock(clock));
  }

  String url(String path) {
    return app.base() + path;
  }

  Fixture.LoginStart startLogin(Browser browser, String returnTo) {
    return Fixture.startLogin(browser, url("/login"), returnTo);
  }

  /**
   * Sends the browser to the stand-in's authorization endpoint for {@code start}, where {@code
   * user} approves at once, and returns the authorization response (the callback URL with {@code
   * code} and {@code state}) without following it.
   */
  String authorize(Browser browser, Fixture.LoginStart start, QfTestUser user) {
    qf.autoLogin(user);
    HttpResponse<String> answer = browser.get(start.authUrl());
    assertEquals(302, answer.statusCode(), answer.body());
    String callback = Browser.location(answer);
    assertNotNull(callback);
    return callback;
  }

  /**
   * Completes {@code start} with {@code user}'s approval: the callback's answer. The callback goes
   * to the app directly even where its redirect URI names a proxy's origin.
   */
  HttpResponse<String> finish(Browser browser, Fixture.LoginStart start, QfTestUser user) {
    URI callback = URI.create(authorize(browser, start, user));
    return browser.get(url(callback.getRawPath() + "?" + callback.getRawQuery()));
  }

  /** A complete, successful sign-in of {@code user}; returns where the callback redirected. */
  String signIn(Browser browser, QfTestUser user) {
    HttpResponse<String> done = finish(browser, startLogin(browser, "/private/page"), user);
    assertEquals(302, done.statusCode(), done.body());
    return Browser.location(done);
  }

  /**
   * A new browser signed in as {@link #ALICE}, whose access tokens (and every one issued after)
   * last {@code tokenLifetime}.
   */
  Browser signedIn(Duration tokenLifetime) {
    qf.accessTokenLifetime(tokenLifetime);
    return signedIn();
  }

  /** A new browser signed in as {@link #ALICE}. */
  Browser signedIn() {
    Browser browser = new Browser();
    signIn(browser);
    return browser;
  }

  /**
   * A new browser signed in as {@link #ALICE} with 30 s access tokens, 20 s ago on the {@link
   * #clock}: 10 s left is within the refresh leeway (60 s, but at most half the lifetime), so the
   * next request wants a refresh.
   */
  Browser signedInDueForRefresh() {
    Browser browser = signedIn(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(20));
    return browser;
  }

  /** {@link #signIn(Browser, QfTestUser)} as {@link #ALICE}. */
  String signIn(Browser browser) {
    return signIn(browser, ALICE);
  }

  /**
   * The native app's own sign-in at the stand-in, as {@link #ALICE}, for {@link #APP_REDIRECT} with
   * the app's PKCE {@code verifier} and {@code nonce}: returns the authorization code the app then
   * hands to the filter's exchange endpoint.
   */
  String appCode(String verifier, String nonce) {
    qf.autoLogin(ALICE);
    String authorize =
        qf.authBaseUrl()
            + "/oauth2/auth?response_type=code&client_id="
            + CLIENT_ID
            + "&redirect_uri="
            + URLEncoder.encode(APP_REDIRECT, StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode(SCOPE, StandardCharsets.UTF_8)
            + "&state=app-state-123&nonce="
            + nonce
            + "&code_challenge="
            + Randoms.codeChallenge(verifier)
            + "&code_challenge_method=S256";
    HttpResponse<String> answer = new Browser().get(authorize);
    assertEquals(302, answer.statusCode(), answer.body());
    String location = Browser.location(answer);
    assertTrue(location.startsWith(APP_REDIRECT + "?"), location);
    return Browser.query(location).get("code");
  }

  private static QfTestUser user(String username) {
    return QfTestUser.builder(username)
        .sub(username)
        .name("User " + username)
        .firstName("User")
        .email(username + "@example.test")
        .build();
  }

  @Override
  public void close() throws Exception {
    try {
      app.close();
    } finally {
      if (ownsStandIn) {
        qf.close();
      }
    }
  }
}
