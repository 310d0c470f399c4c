package dev.qfauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** QF down when the app starts: the app still starts, explains, and recovers by itself. */
final class ProviderOutageTest {

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void appStartsWhileProviderIsDownAndRecoversByItself(Containers.Kind kind) throws Exception {
    AtomicReference<StubMapping> outage = new AtomicReference<>();
    try (Fixture f =
        new Fixture(
            kind,
            b -> b,
            qf ->
                outage.set(
                    qf.server.stubFor(
                        get(urlEqualTo("/.well-known/openid-configuration"))
                            .atPriority(1)
                            .willReturn(aResponse().withStatus(503)))))) {
      Browser browser = new Browser();
      assertEquals(
          "hello /public", browser.get(f.url("/public")).body(), "the app started and serves");

      HttpResponse<String> login = browser.get(f.url("/login"));
      assertEquals(503, login.statusCode());
      assertTrue(login.body().contains("provider_unavailable"), login.body());
      assertTrue(login.body().contains("unreachable"), login.body());

      f.qf.server.removeStub(outage.get());
      Thread.sleep(2_100); // attempts are spaced two seconds apart while QF is down
      HttpResponse<String> recovered = browser.get(f.url("/login"));
      assertEquals(302, recovered.statusCode(), recovered.body());
      f.signIn(browser, "alice");
      assertTrue(browser.get(f.url("/whoami")).body().contains("sub=alice"));
    }
  }
}
