package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfTokenFailure;
import dev.qfauth.testsupport.AllAtOnce;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Single-flight refresh: Hydra revokes the whole chain if one refresh token is used twice. */
final class ConcurrentRefreshTest {

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void fiftyConcurrentRequestsWithAnExpiredTokenRefreshExactlyOnce(Containers.Kind kind)
      throws Exception {
    try (StandInFixture f = StandInFixture.onClock(kind)) {
      // Every request wants a refresh.
      Browser browser = f.signedInDueForRefresh();
      // A slow token endpoint makes sure the 50 requests overlap the one refresh in flight; a
      // second refresh would spend the rotated token again and Hydra would revoke the chain.
      f.qf.failNextTokenCall(QfTokenFailure.delay(Duration.ofMillis(500)));

      List<HttpResponse<String>> responses;
      try (AllAtOnce requests = new AllAtOnce(50)) {
        responses = requests.call(() -> browser.get(f.url("/whoami")));
      }
      for (HttpResponse<String> response : responses) {
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("sub=alice"), response.body());
      }
      assertEquals(1, f.qf.tokenCalls("refresh_token"), "exactly one refresh reached QF");
    }
  }
}
