package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfConfigException;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testsupport.Browser;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SampleApp} on a random port, its filter pointed at a discovery-serving QfStandIn. */
final class SampleAppTest {
  private static QfStandIn provider;
  private static SampleApp app;

  @BeforeAll
  static void start() throws Exception {
    provider = QfStandIn.start();
    app =
        SampleApp.start(
            0,
            Map.of(
                QfAuthConfig.CLIENT_ID, "sample-client",
                QfAuthConfig.AUTH_BASE_URL, provider.authBaseUrl().toString(),
                QfAuthConfig.REDIRECT_URI, "http://localhost/callback"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.stop();
    }
    provider.close();
  }

  @Test
  void homePageOffersSignInToVisitors() throws Exception {
    HttpResponse<String> home = new Browser(app.url(), "Accept", "text/html").get("/");

    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("<a id=\"login\" href=\"/login?returnTo=/\">"), home.body());
  }

  @Test
  void protectedPageRedirectsVisitorsToLogin() throws Exception {
    HttpResponse<String> me = new Browser(app.url(), "Accept", "text/html").get("/me");

    assertEquals(302, me.statusCode());
    assertEquals("/login?returnTo=%2Fme", Redirects.location(me));
  }

  @Test
  void loginRedirectsToTheProvider() throws Exception {
    HttpResponse<String> login =
        new Browser(app.url(), "Accept", "text/html").get("/login?returnTo=/");

    Redirects.assertToAuthorize(provider, login);
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertEquals(
        404, new Browser(app.url(), "Accept", "text/html").get("/nothing-here").statusCode());
  }

  @Test
  void missingClientIdFailsStartUpWithTheGuideMessage() throws Exception {
    // The filter also reads the real environment; this test needs it without a client id.
    assumeTrue(System.getenv(QfAuthConfig.CLIENT_ID) == null);
    assumeTrue(System.getProperty(QfAuthConfig.CLIENT_ID) == null);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, String> noClientId =
        Map.of(
            QfAuthConfig.AUTH_BASE_URL,
            provider.authBaseUrl().toString(),
            QfAuthConfig.REDIRECT_URI,
            "http://localhost/callback");

    QfConfigException e =
        assertThrows(QfConfigException.class, () -> SampleApp.start(port, noClientId));

    assertEquals(
        "Missing Quran Foundation API credentials. Request access:"
            + " https://api-docs.quran.foundation/request-access",
        e.getMessage());
    // Nothing is left listening.
    new ServerSocket(port).close();
  }

  @Test
  void launchSettings_noRedirectUri_defaultsToLocalCallback() {
    assumeTrue(System.getProperty(QfAuthConfig.REDIRECT_URI) == null);

    assertEquals(
        Map.of(QfAuthConfig.REDIRECT_URI, "http://localhost:9090/callback"),
        SampleApp.launchSettings(Map.of(), 9090));
  }

  @Test
  void launchSettings_redirectUriSet_leavesItToTheFilter() {
    assertEquals(
        Map.of(),
        SampleApp.launchSettings(
            Map.of(QfAuthConfig.REDIRECT_URI, "https://app.example/callback"), 9090));
  }

  @Test
  void port_unset_is8080() {
    assertEquals(8080, SampleApp.port(Map.of()));
  }

  @Test
  void port_set_isUsed() {
    assertEquals(9090, SampleApp.port(Map.of(SampleApp.PORT, "9090")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "-1", "http", "80 80"})
  void port_invalid_rejectedWithItsName(String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SampleApp.port(Map.of(SampleApp.PORT, value)));

    assertTrue(e.getMessage().startsWith("PORT must be"), e.getMessage());
  }
}
