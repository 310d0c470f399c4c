package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qfauth.QfAuthConfig;
import dev.qfauth.redis.RedisServerExtension;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two copies of the standalone jar, each its own process, started with only {@code
 * QF_SESSION_STORE=redis} and {@code QF_REDIS_URI} (and a key) beyond the usual settings, form a
 * cluster: a sign-in started on one finishes on the other, the session is served by both, and a
 * sign-out on one is seen by the other. No sticky sessions; the browser alternates between the
 * nodes as a round-robin balancer would send it.
 */
final class TwoSampleNodesIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String CLIENT_ID = "cluster-sample";

  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  @TempDir Path tmp;

  private QfStandIn qf;
  private Process nodeA;
  private Process nodeB;

  @AfterEach
  void stop() throws InterruptedException {
    for (Process node : new Process[] {nodeA, nodeB}) {
      if (node != null) {
        node.destroy();
        node.waitFor(20, TimeUnit.SECONDS);
      }
    }
    if (qf != null) {
      qf.close();
    }
  }

  @Test
  void signInStartedOnOneNodeFinishesOnTheOtherAndLogoutIsSeenByBoth() throws Exception {
    int portA = freePort();
    int portB = freePort();
    String secret = random();
    // As behind a balancer, both nodes name one callback; here it is node B's, so every sign-in
    // started on node A completes on node B.
    String callback = "http://localhost:" + portB + "/callback";
    qf = QfStandIn.start().seedDemoData().autoLogin(QfTestUser.ALICE);
    qf.confidentialClient(CLIENT_ID, secret, callback);
    Map<String, String> settings = new HashMap<>();
    settings.put(QfAuthConfig.CLIENT_ID, CLIENT_ID);
    settings.put(QfAuthConfig.CLIENT_SECRET, secret);
    settings.put(QfAuthConfig.AUTH_BASE_URL, qf.authBaseUrl().toString());
    settings.put(QfAuthConfig.API_BASE_URL, qf.apiBaseUrl().toString());
    settings.put(QfAuthConfig.REDIRECT_URI, callback);
    settings.put(QfAuthConfig.ENV, "prelive");
    settings.put(QfAuthConfig.SESSION_STORE, "redis");
    settings.put("QF_REDIS_URI", REDIS.uri());
    settings.put("QF_REDIS_KEY", "k1:" + Base64.getEncoder().encodeToString(randomBytes(32)));
    nodeA = launch("a", settings, portA);
    nodeB = launch("b", settings, portB);
    URI a = awaitUrl("a", nodeA);
    URI b = awaitUrl("b", nodeB);

    Browser browser = new Browser(a, "Accept", "text/html");
    HttpResponse<String> login = browser.get("/login?returnTo=/me");
    assertEquals(302, login.statusCode(), login.body());
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> approved = browser.get(authorize.toString());
    URI back = URI.create(approved.headers().firstValue("Location").orElseThrow());
    assertEquals(portB, back.getPort(), back.toString());
    HttpResponse<String> done = browser.get(back.toString());
    assertEquals(302, done.statusCode(), done.body());
    assertEquals("/me", done.headers().firstValue("Location").orElseThrow());

    for (URI node : new URI[] {a, b, a, b}) {
      HttpResponse<String> me = browser.get(node.resolve("/me").toString());
      assertEquals(200, me.statusCode(), node + ": " + me.body());
      assertEquals(
          QfTestUser.ALICE.sub(), new ObjectMapper().readTree(me.body()).path("sub").asText());
    }

    // Sign-out on node B (its origin is the one QF_REDIRECT_URI names, as a balancer's would be;
    // the sign-out refuses a POST from another origin); node A then refuses the same handle.
    String handle = browser.cookie("QF_SESSION");
    String originB = b.getScheme() + "://" + b.getRawAuthority();
    assertEquals(303, browser.postForm(b.resolve("/logout"), "", "Origin", originB).statusCode());
    browser.cookie("QF_SESSION", handle);
    HttpResponse<String> replayed = browser.get(a.resolve("/me").toString());
    assertEquals(302, replayed.statusCode(), "node A still served the ended session");
    assertTrue(
        replayed.headers().firstValue("Location").orElseThrow().startsWith("/login"),
        replayed.headers().toString());
  }

  /** {@code java -jar} with only {@code settings} of the QF settings (none inherited). */
  private Process launch(String name, Map<String, String> settings, int port) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar = Path.of(System.getProperty("sample.standaloneJar"));
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString());
    builder.environment().keySet().removeIf(n -> n.startsWith("QF_") || n.equals("PORT"));
    builder.environment().putAll(settings);
    builder.environment().put("PORT", String.valueOf(port));
    builder.redirectOutput(tmp.resolve(name + "-stdout.txt").toFile());
    builder.redirectError(tmp.resolve(name + "-stderr.txt").toFile());
    return builder.start();
  }

  private URI awaitUrl(String name, Process process) throws Exception {
    String marker = "qf-auth sample running at ";
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (String line : Files.readAllLines(tmp.resolve(name + "-stdout.txt"))) {
        if (line.startsWith(marker)) {
          return URI.create(line.substring(marker.length()).trim());
        }
      }
      if (!process.isAlive()) {
        fail(
            "node "
                + name
                + " exited with "
                + process.exitValue()
                + ": "
                + Files.readString(tmp.resolve(name + "-stderr.txt")));
      }
      Thread.sleep(100);
    }
    return fail("node " + name + " printed no start-up line within " + START_TIMEOUT);
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static String random() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
  }
}
