package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfSession;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testkit.QfTokenFailure;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three app nodes behind a round-robin client, sharing one Redis (append-only file on) and one QF
 * stand-in, with no sticky sessions: issue 11's multi-node proof.
 */
final class ClusterTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.appendOnly();

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.seedDemoData().confidentialClient("my-app", "my-secret", AppNodes.REDIRECT_URI));

  static AppNodes nodes;

  @BeforeAll
  static void startNodes() throws Exception {
    nodes = AppNodes.start(3, AppNodes.settings(QF.standIn(), REDIS, Map.of()));
  }

  @AfterAll
  static void stopNodes() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
  }

  static String signIn(QfTestUser user, AppNodes.Node start, AppNodes.Node finish)
      throws Exception {
    return AppNodes.signIn(QF.standIn(), user, start, finish);
  }

  static String handle(String cookie) {
    return cookie.substring(cookie.indexOf('=') + 1);
  }

  @Test
  void aSignInStartedOnNodeOneCompletesOnNodeTwo() throws Exception {
    String cookie = signIn(QfTestUser.ALICE, nodes.node(0), nodes.node(1));

    HttpResponse<String> me = nodes.node(1).get("/me", cookie);
    assertEquals(200, me.statusCode());
    assertEquals("signed in as " + QfTestUser.ALICE.sub(), me.body());
  }

  @Test
  void aReplayedCallbackOnAnotherNodeSignsNobodyIn() throws Exception {
    QF.standIn().autoLogin(QfTestUser.ALICE);
    HttpResponse<String> login = nodes.node(0).get("/login", null);
    String browser = AppNodes.setCookie(login, "QF_LOGIN");
    URI back =
        URI.create(
            AppNodes.get(URI.create(login.headers().firstValue("Location").orElseThrow()))
                .headers()
                .firstValue("Location")
                .orElseThrow());
    String callback = back.getRawPath() + "?" + back.getRawQuery();
    int tokenCallsBefore = QF.standIn().tokenCalls("authorization_code");

    HttpResponse<String> first = nodes.node(1).get(callback, browser);
    HttpResponse<String> replay = nodes.node(2).get(callback, browser);

    assertNotNull(AppNodes.setCookie(first, "QF_SESSION"));
    assertEquals(null, AppNodes.setCookie(replay, "QF_SESSION"));
    assertEquals(400, replay.statusCode());
    assertEquals(1, QF.standIn().tokenCalls("authorization_code") - tokenCallsBefore);
  }

  @Test
  void aSessionIsSeenOnEveryNode() throws Exception {
    String cookie = signIn(QfTestUser.ALICE, nodes.node(2), nodes.node(2));

    for (int i = 0; i < nodes.size(); i++) {
      HttpResponse<String> me = nodes.node(i).get("/me", cookie);
      assertEquals(200, me.statusCode(), "node " + i);
      assertEquals("signed in as " + QfTestUser.ALICE.sub(), me.body(), "node " + i);
    }
  }

  @Test
  void twoHundredConcurrentRequestsWithAnExpiredAccessTokenRefreshOnceAcrossAllNodes()
      throws Exception {
    String cookie = signIn(QfTestUser.ALICE, nodes.node(0), nodes.node(1));
    AppNodes.Node any = nodes.node(0);
    QfSession signedIn = AppNodes.expireAccessToken(any, handle(cookie));
    Instant now = Instant.now();
    int refreshesBefore = QF.standIn().tokenCalls("refresh_token");

    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(nodes.roundRobin().getAsync("/me", cookie));
    }
    CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();

    int refreshes = QF.standIn().tokenCalls("refresh_token") - refreshesBefore;
    System.out.println("200 concurrent requests on 3 nodes: " + refreshes + " refresh(es) at QF");
    assertEquals(1, refreshes);
    for (CompletableFuture<HttpResponse<String>> request : requests) {
      assertEquals(200, request.join().statusCode());
      assertEquals("signed in as " + QfTestUser.ALICE.sub(), request.join().body());
    }
    QfSession after = any.store().get(any.environment(), handle(cookie)).orElseThrow();
    assertNotEquals(signedIn.accessToken(), after.accessToken());
    assertNotEquals(signedIn.refreshToken(), after.refreshToken());
    assertTrue(after.accessTokenExpiresAt().isAfter(now));
  }

  @Test
  void aLogoutOnNodeOneIsRefusedOnNodeTwoAtTheNextRequest() throws Exception {
    String cookie = signIn(QfTestUser.ALICE, nodes.node(0), nodes.node(0));
    assertEquals(200, nodes.node(1).get("/me", cookie).statusCode());

    HttpResponse<String> logout = nodes.node(0).post("/logout", cookie);
    assertTrue(logout.statusCode() == 302 || logout.statusCode() == 303, logout.statusCode() + "");

    HttpResponse<String> after = nodes.node(1).get("/me", cookie);
    assertEquals(302, after.statusCode()); // to the sign-in
    assertFalse(after.body().contains(QfTestUser.ALICE.sub()));
    assertEquals(302, nodes.node(2).get("/me", cookie).statusCode());
  }

  @Test
  void noSessionWrittenBeforeARedisRestartIsLost() throws Exception {
    List<String> cookies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      cookies.add(signIn(QfTestUser.ALICE, nodes.node(i % 3), nodes.node((i + 1) % 3)));
    }

    long reconnectedMillis = restartRedis(() -> {});
    System.out.println(
        "Redis restart: every node reconnected " + reconnectedMillis + " ms after it was ready");

    for (String cookie : cookies) {
      for (int i = 0; i < nodes.size(); i++) {
        HttpResponse<String> me = nodes.node(i).get("/me", cookie);
        assertEquals(200, me.statusCode(), "node " + i);
        assertEquals("signed in as " + QfTestUser.ALICE.sub(), me.body());
      }
    }
  }

  /**
   * Redis stops while QF answers a refresh, so the node cannot store the rotated tokens (the old
   * refresh token is spent); it retries, Redis comes back within the lease, the tokens are stored
   * and every node uses them.
   */
  @Test
  void aRedisRestartDuringARefreshLosesNoTokens() throws Exception {
    String cookie = signIn(QfTestUser.ALICE, nodes.node(0), nodes.node(1));
    QfSession expired = AppNodes.expireAccessToken(nodes.node(0), handle(cookie));
    int refreshesBefore = QF.standIn().tokenCalls("refresh_token");
    QF.standIn().failNextTokenCall(QfTokenFailure.delay(Duration.ofSeconds(3)));
    CountDownLatch retrying = new CountDownLatch(1);
    Logger refresher = Logger.getLogger("dev.qfauth.Refresher");
    Handler watch =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (String.valueOf(record.getMessage()).contains("retrying while the refresh lease")) {
              retrying.countDown();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    refresher.addHandler(watch);
    try {
      CompletableFuture<HttpResponse<String>> refreshing = nodes.node(0).getAsync("/me", cookie);
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (QF.standIn().tokenCalls("refresh_token") == refreshesBefore
          && System.nanoTime() < until) {
        Thread.onSpinWait(); // until the refresh token has reached QF (which answers in 3 s)
      }
      restartRedis(
          () ->
              assertTrue(
                  retrying.await(30, TimeUnit.SECONDS), "the node retries storing the new tokens"));

      HttpResponse<String> answer = refreshing.join();
      assertEquals(200, answer.statusCode());
      assertEquals("signed in as " + QfTestUser.ALICE.sub(), answer.body());
    } finally {
      refresher.removeHandler(watch);
    }
    QfSession stored =
        nodes.node(2).store().get(nodes.node(2).environment(), handle(cookie)).orElseThrow();
    assertNotEquals(expired.accessToken(), stored.accessToken(), "the new tokens are in Redis");
    assertNotEquals(expired.refreshToken(), stored.refreshToken());
    for (int i = 0; i < nodes.size(); i++) {
      assertEquals(200, nodes.node(i).get("/me", cookie).statusCode(), "node " + i);
    }
    assertEquals(1, QF.standIn().tokenCalls("refresh_token") - refreshesBefore);
  }

  /** What a test does while Redis is down. */
  private interface WhileDown {
    void run() throws Exception;
  }

  /**
   * Stops Redis, runs {@code whileDown}, starts Redis again and returns once every node has
   * reconnected: a node still reconnecting answers 503 at once, so neither this test nor the next
   * may send a request before (a restart test that did not wait failed the tests after it).
   *
   * @return milliseconds from Redis being ready to the last node reconnected
   */
  private long restartRedis(WhileDown whileDown) throws Exception {
    List<Reconnect> reconnects = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      reconnects.add(new Reconnect((RedisSessionStore) nodes.node(i).store()));
    }
    try {
      REDIS.stop();
      try {
        whileDown.run();
      } finally {
        REDIS.start();
      }
      long restarted = System.nanoTime();
      for (Reconnect reconnect : reconnects) {
        reconnect.await();
      }
      return (System.nanoTime() - restarted) / 1_000_000;
    } finally {
      reconnects.forEach(Reconnect::close);
    }
  }
}
