package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfSession;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testkit.QfTestUser;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node killed as a process (SIGKILL, in a child JVM) while it holds a session's refresh lease:
 * the surviving nodes wait for the lease to end by itself, then refresh exactly once.
 */
final class KilledNodeTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.seedDemoData().confidentialClient("my-app", "my-secret", AppNodes.REDIRECT_URI));

  /** The filter's lease with these deadlines: connect + 2 x request + 2 s. */
  private static final Duration LEASE = Duration.ofMillis(500 + 2 * 1000 + 2000);

  static AppNodes nodes;

  @BeforeAll
  static void startNodes() throws Exception {
    nodes =
        AppNodes.start(
            2,
            AppNodes.settings(
                QF.standIn(),
                REDIS,
                Map.of(
                    QfAuthConfig.CONNECT_TIMEOUT_MS, "500",
                    QfAuthConfig.REQUEST_TIMEOUT_MS, "1000")));
  }

  @AfterAll
  static void stopNodes() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void aNodeKilledWhileHoldingTheRefreshLeaseBlocksTheSessionNoLongerThanTheLease()
      throws Exception {
    String cookie = AppNodes.signIn(QF.standIn(), QfTestUser.ALICE, nodes.node(0), nodes.node(1));
    String handle = cookie.substring(cookie.indexOf('=') + 1);
    QfSession expired = AppNodes.expireAccessToken(nodes.node(0), handle);
    int refreshesBefore = QF.standIn().tokenCalls("refresh_token");

    Process child = startLeaseHolder(handle);
    long takenAt;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("HOLDING", out.readLine(), "the child node took the lease");
      takenAt = System.nanoTime();
      RedisSessionStore store = (RedisSessionStore) nodes.node(0).store();
      String lease = new RedisRefreshLeases(store).key(nodes.node(0).environment(), handle);
      assertEquals(1, REDIS.redis().exists(lease), "the lease is in Redis");
    } finally {
      child.destroyForcibly(); // SIGKILL: the lease is never released
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }

    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(nodes.roundRobin().getAsync("/me", cookie));
    }
    CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
    long refreshedAfterMillis = (System.nanoTime() - takenAt) / 1_000_000;

    int refreshes = QF.standIn().tokenCalls("refresh_token") - refreshesBefore;
    System.out.println(
        "Node killed holding a "
            + LEASE.toMillis()
            + " ms lease: "
            + refreshes
            + " refresh(es), the session refreshed "
            + refreshedAfterMillis
            + " ms after the lease was taken");
    assertEquals(1, refreshes);
    for (CompletableFuture<HttpResponse<String>> request : requests) {
      assertEquals(200, request.join().statusCode());
      assertEquals("signed in as " + QfTestUser.ALICE.sub(), request.join().body());
    }
    QfSession after = nodes.node(1).store().get(nodes.node(1).environment(), handle).orElseThrow();
    assertNotEquals(expired.accessToken(), after.accessToken());
    // Not a timing goal: a bound that fails only if the dead node's lease blocked past its time
    // (the waiting nodes poll every 100 ms at most; 3 s of slack for a loaded machine).
    assertTrue(
        refreshedAfterMillis < LEASE.toMillis() + 3_000,
        "refreshed " + refreshedAfterMillis + " ms after the lease was taken");
  }

  private static Process startLeaseHolder(String handle) throws Exception {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            classPath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
            LeaseHolderMain.class.getName(),
            REDIS.uri(),
            Stores.KEY_1,
            "my-app",
            handle,
            Long.toString(LEASE.toMillis()))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
