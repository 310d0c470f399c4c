package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testsupport.Browser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Secure flag, which the browser test cannot show over plain http: with an https {@code
 * QF_REDIRECT_URI} (the app behind a TLS proxy) both cookies the filter sets through a real Jetty
 * carry {@code Secure}, besides {@code HttpOnly} and {@code SameSite=Lax}. The sign-in is a real
 * one at a stand-in; its redirect to the https callback is delivered to the app's http port, as a
 * TLS proxy would.
 */
final class SecureCookiesTest {
  private static final String CALLBACK = "https://app.localhost/callback";

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.seedDemoData().confidentialClient("tls-app", "tls-secret", CALLBACK));

  private static SampleApp app;

  @BeforeAll
  static void start() throws Exception {
    QfStandIn qf = QF.standIn();
    app =
        SampleApp.start(
            0,
            Map.of(
                QfAuthConfig.CLIENT_ID,
                "tls-app",
                QfAuthConfig.CLIENT_SECRET,
                "tls-secret",
                QfAuthConfig.AUTH_BASE_URL,
                qf.authBaseUrl().toString(),
                QfAuthConfig.API_BASE_URL,
                qf.apiBaseUrl().toString(),
                QfAuthConfig.REDIRECT_URI,
                CALLBACK));
  }

  @AfterAll
  static void stop() throws Exception {
    app.stop();
  }

  @Test
  void httpsRedirectUriMakesBothCookiesSecureHttpOnlyAndLax() throws Exception {
    Browser browser = new Browser(app.url(), "Accept", "text/html");
    QF.standIn().autoLogin("alice");

    HttpResponse<String> login = browser.get("/login?returnTo=/");
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> approved = browser.get(authorize.toString());
    URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
    assertEquals(CALLBACK, callback.resolve(callback.getPath()).toString());
    HttpResponse<String> signedIn = browser.get("/callback?" + callback.getRawQuery());

    assertEquals(302, signedIn.statusCode(), signedIn.body());
    // An https app at the root: QF_COOKIE_HOST_PREFIX=auto names them __Host-.
    assertCookie(login, "__Host-QF_LOGIN");
    assertCookie(signedIn, "__Host-QF_SESSION");
    assertEquals(200, browser.get("/me").statusCode());
  }

  private static void assertCookie(HttpResponse<String> response, String name) {
    List<String> headers =
        response.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith(name + "="))
            .toList();
    assertEquals(1, headers.size(), headers::toString);
    List<String> attributes = List.of(headers.get(0).split("; "));
    assertTrue(attributes.contains("HttpOnly"), headers::toString);
    assertTrue(attributes.contains("SameSite=Lax"), headers::toString);
    assertTrue(attributes.contains("Secure"), headers::toString);
    // RFC 6265bis 4.1.3.2: a __Host- cookie is kept only with Path=/ and no Domain.
    assertTrue(attributes.contains("Path=/"), headers::toString);
    assertTrue(attributes.stream().noneMatch(a -> a.startsWith("Domain=")), headers::toString);
  }
}
