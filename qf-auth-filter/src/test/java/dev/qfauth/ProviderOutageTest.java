package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** QF down when the app starts: the app still starts, explains, and recovers by itself. */
final class ProviderOutageTest {

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void appStartsWhileProviderIsDownAndRecoversByItself(Containers.Kind kind) throws Exception {
    try (QfStandIn qf = QfStandIn.start();
        QfHostileProvider hostile =
            QfHostileProvider.on(qf).inject(QfDefect.DISCOVERY_SERVER_ERROR);
        StandInFixture f = new StandInFixture(qf, kind)) {
      Browser browser = new Browser();
      assertEquals(
          "hello /public", browser.get(f.url("/public")).body(), "the app started and serves");

      HttpResponse<String> login = browser.get(f.url("/login"));
      assertEquals(503, login.statusCode());
      assertTrue(login.body().contains("provider_unavailable"), login.body());
      assertTrue(login.body().contains("unreachable"), login.body());

      hostile.clear();
      Thread.sleep(2_100); // attempts are spaced two seconds apart while QF is down
      HttpResponse<String> recovered = browser.get(f.url("/login"));
      assertEquals(302, recovered.statusCode(), recovered.body());
      f.signIn(browser);
      assertTrue(browser.get(f.url("/whoami")).body().contains("sub=alice"));
    }
  }
}
