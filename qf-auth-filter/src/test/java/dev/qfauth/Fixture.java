package dev.qfauth;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.qfauth.testsupport.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A fake QF plus a real container running the filter against it; one per test. */
final class Fixture implements AutoCloseable {
  static final String SCOPE = "openid offline_access user collection";

  final FakeQf qf = new FakeQf();
  final QfAuthConfig config;
  final Containers.Running app;

  /** The app's time when made by {@link #onClock}; otherwise {@code null}. */
  final TestClock clock;

  Fixture(Containers.Kind kind) throws Exception {
    this(kind, b -> b);
  }

  /**
   * The app on {@link #clock}, a {@link TestClock} at the present (the fake QF stamps ID tokens
   * with the real time), for tests that move time on.
   */
  static Fixture onClock(Containers.Kind kind) throws Exception {
    TestClock clock = TestClock.atPresent();
    return new Fixture(kind, clock, b -> b.clock(clock), qf -> {});
  }

  Fixture(Containers.Kind kind, UnaryOperator<QfAuthConfig.Builder> tweak) throws Exception {
    this(kind, null, tweak, qf -> {});
  }

  /** {@code beforeStart} shapes the fake QF before the app (and its discovery warm-up) starts. */
  Fixture(
      Containers.Kind kind,
      UnaryOperator<QfAuthConfig.Builder> tweak,
      java.util.function.Consumer<FakeQf> beforeStart)
      throws Exception {
    this(kind, null, tweak, beforeStart);
  }

  private Fixture(
      Containers.Kind kind,
      TestClock clock,
      UnaryOperator<QfAuthConfig.Builder> tweak,
      java.util.function.Consumer<FakeQf> beforeStart)
      throws Exception {
    this.clock = clock;
    beforeStart.accept(qf);
    int port = Containers.freePort();
    QfAuthConfig.Builder builder =
        QfAuthConfig.builder()
            .clientId(FakeQf.CLIENT_ID)
            .clientSecret(FakeQf.CLIENT_SECRET)
            .authBaseUrl(URI.create(qf.base()))
            .apiBaseUrl(URI.create(qf.base()))
            .redirectUri(URI.create("http://127.0.0.1:" + port + "/callback"))
            .protectedPaths("/private/*", "/collections")
            .exchangeRedirectUris(URI.create("com.example.app:/oauth"));
    this.config = tweak.apply(builder).build();
    this.app = Containers.start(kind, port, config);
  }

  String url(String path) {
    return app.base() + path;
  }

  /** What the login redirect asked QF for. */
  record LoginStart(String authUrl, Map<String, String> params) {
    String state() {
      return params.get("state");
    }

    String nonce() {
      return params.get("nonce");
    }
  }

  LoginStart startLogin(Browser browser, String returnTo) {
    return startLogin(browser, url("/login"), returnTo);
  }

  /** Starts a sign-in at the app's {@code loginUrl}; shared with {@link StandInFixture}. */
  static LoginStart startLogin(Browser browser, String loginUrl, String returnTo) {
    String url =
        loginUrl
            + (returnTo == null
                ? ""
                : "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
    HttpResponse<String> response = browser.get(url);
    assertEquals(302, response.statusCode(), response.body());
    // The redirect carries a fresh state and nonce: never cached.
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    String location = Browser.location(response);
    assertNotNull(location);
    return new LoginStart(location, Browser.query(location));
  }

  HttpResponse<String> callback(Browser browser, String query) {
    return browser.get(url("/callback?" + query));
  }

  /** Token endpoint answers the next code exchange with a valid token set for {@code sub}. */
  void tokensFor(String sub, String nonce, String access, String refresh) {
    qf.onCodeExchange(
        okJson(
            FakeQf.tokenJson(
                access, refresh, qf.sign(qf.claims(sub, nonce).build()), 3600, SCOPE)));
  }

  /**
   * Token endpoint answers the next refresh with {@code access}/{@code refresh} for an hour,
   * granting {@code scope}, with an ID token of {@code idToken}'s claims ({@code null}: none).
   */
  void refreshAnswers(
      String access, String refresh, com.nimbusds.jwt.JWTClaimsSet.Builder idToken, String scope) {
    qf.onRefresh(
        okJson(
            FakeQf.tokenJson(
                access, refresh, idToken == null ? null : qf.sign(idToken.build()), 3600, scope)));
  }

  /**
   * Signs {@code sub} in with access token {@code access}/{@code refresh} that expires in {@code
   * expiresIn} seconds, and ID-token claims adjusted by {@code claims} (given the builder with this
   * sign-in's nonce).
   */
  void signInExpiring(
      Browser browser,
      String sub,
      String access,
      String refresh,
      long expiresIn,
      java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> claims) {
    LoginStart start = startLogin(browser, "/");
    qf.onCodeExchange(
        okJson(
            FakeQf.tokenJson(
                access,
                refresh,
                qf.sign(claims.apply(qf.claims(sub, start.nonce())).build()),
                expiresIn,
                SCOPE)));
    assertEquals(302, callback(browser, "code=c&state=" + start.state()).statusCode());
  }

  /**
   * Signs alice in with a 30 s access token (and ID-token claims adjusted by {@code claims}) and
   * moves the {@link #clock} 20 s on: 10 s left is within the refresh leeway (60 s, but at most
   * half the lifetime), so the next protected request refreshes.
   */
  void signInDueForRefresh(
      Browser browser,
      String access,
      String refresh,
      UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> claims) {
    signInExpiring(browser, "alice", access, refresh, 30, claims);
    clock.advance(java.time.Duration.ofSeconds(20));
  }

  /** A complete, successful sign-in; returns where the callback redirected. */
  String signIn(Browser browser, String sub) {
    LoginStart start = startLogin(browser, "/private/page");
    tokensFor(sub, start.nonce(), "at-1-" + sub, "rt-1-" + sub);
    HttpResponse<String> done = callback(browser, "code=code-" + sub + "&state=" + start.state());
    assertEquals(302, done.statusCode(), done.body());
    return Browser.location(done);
  }

  @Override
  public void close() throws Exception {
    app.close();
    qf.close();
  }
}
