package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfTokenFailure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

      int requests = 50;
      ExecutorService pool = Executors.newFixedThreadPool(requests);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> results = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return browser.get(f.url("/whoami"));
                }));
      }
      go.countDown();
      for (Future<HttpResponse<String>> result : results) {
        HttpResponse<String> response = result.get();
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("sub=alice"), response.body());
      }
      pool.shutdown();
      assertEquals(1, f.qf.tokenCalls("refresh_token"), "exactly one refresh reached QF");
    }
  }
}
