package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testsupport.Browser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged artifacts, after {@code package}: the war on Tomcat 11 and Jetty 12, and the
 * standalone jar run as {@code java -jar} in its own process.
 */
final class StandaloneArtifactsIT {
  private static final Path WAR = Path.of(System.getProperty("sample.war"));
  private static final Path JAR = Path.of(System.getProperty("sample.standaloneJar"));
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension static final QfStandInExtension QF = new QfStandInExtension();

  @TempDir Path tmp;

  @Test
  void warCarriesTheFilterButNoContainerJars() throws IOException {
    try (ZipFile war = new ZipFile(WAR.toFile())) {
      List<String> libs =
          war.stream()
              .map(ZipEntry::getName)
              .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
              .map(n -> n.substring("WEB-INF/lib/".length()))
              .toList();
      assertTrue(libs.stream().anyMatch(n -> n.startsWith("qf-auth-filter-")), libs::toString);
      assertFalse(libs.stream().anyMatch(n -> n.startsWith("jetty-")), libs::toString);
      assertFalse(libs.stream().anyMatch(n -> n.contains("servlet-api")), libs::toString);
      // slf4j-api comes with Lettuce (qf-auth-redis); a logging back-end is the container's.
      assertFalse(
          libs.stream().anyMatch(n -> n.startsWith("slf4j-") && !n.startsWith("slf4j-api-")),
          libs::toString);
      assertTrue(libs.stream().anyMatch(n -> n.startsWith("qf-auth-redis-")), libs::toString);
      // Demo mode is the standalone jar's: no stand-in, no mock server in the war.
      assertFalse(libs.stream().anyMatch(n -> n.startsWith("qf-auth-testkit")), libs::toString);
      assertFalse(libs.stream().anyMatch(n -> n.startsWith("mock-oauth2-server")), libs::toString);
      assertTrue(war.getEntry("WEB-INF/web.xml") != null);
    }
  }

  @Test
  void standaloneJarCarriesTheStandInForDemoMode() throws IOException {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      assertTrue(jar.getEntry("dev/qfauth/testkit/QfStandIn.class") != null);
      assertTrue(jar.getEntry("dev/qfauth/sample/DemoMode.class") != null);
      assertTrue(jar.getEntry("META-INF/web-fragment.xml") == null);
    }
  }

  @Test
  void standaloneJarRefusesDemoModeNextToARealClientId() throws Exception {
    Process process =
        launch(
            Map.of(
                "QF_DEMO",
                "true",
                QfAuthConfig.CLIENT_ID,
                "real-client",
                "PORT",
                String.valueOf(freePort())));

    assertTrue(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "did not exit");
    assertEquals(1, process.exitValue());
    String stderr = Files.readString(tmp.resolve("stderr.txt"));
    assertTrue(stderr.startsWith("QF_DEMO=true and QF_CLIENT_ID are both set."), stderr);
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void warRunsOnTheContainer(Container container) throws Exception {
    Map<String, String> settings =
        Map.of(
            QfAuthConfig.CLIENT_ID, "war-client",
            QfAuthConfig.AUTH_BASE_URL, QF.standIn().authBaseUrl().toString(),
            QfAuthConfig.REDIRECT_URI, "http://localhost/callback");
    settings.forEach(System::setProperty);
    Container.Deployed app;
    try {
      app = container.deploy(WAR, tmp.resolve("work"));
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }

    try (app) {
      assertTrue(app.available());
      assertServesTheSample(app.url());
    }
  }

  @Test
  void standaloneJarServesTheApp() throws Exception {
    int port = freePort();
    Process process =
        launch(
            Map.of(
                QfAuthConfig.CLIENT_ID,
                "jar-client",
                QfAuthConfig.AUTH_BASE_URL,
                QF.standIn().authBaseUrl().toString(),
                "PORT",
                String.valueOf(port)));
    try {
      URI url = awaitUrl(process);
      assertEquals(URI.create("http://localhost:" + port + "/"), url);
      assertServesTheSample(url);
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void standaloneJarWithoutClientIdExitsWithTheGuideMessage() throws Exception {
    Process process =
        launch(
            Map.of(
                QfAuthConfig.AUTH_BASE_URL,
                QF.standIn().authBaseUrl().toString(),
                "PORT",
                String.valueOf(freePort())));

    assertTrue(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "did not exit");
    assertEquals(1, process.exitValue());
    List<String> stderr = Files.readAllLines(tmp.resolve("stderr.txt"));
    assertEquals(
        "Missing Quran Foundation API credentials. Request access:"
            + " https://api-docs.quran.foundation/request-access",
        stderr.get(stderr.size() - 1));
    assertFalse(Files.readString(tmp.resolve("stdout.txt")).contains("running at"));
  }

  /**
   * "/" is public, /me is protected (web.xml's QF_PROTECTED_PATHS), /login goes to the provider.
   */
  private static void assertServesTheSample(URI url) throws Exception {
    Browser browser = new Browser(url, "Accept", "text/html");
    HttpResponse<String> home = browser.get("/");
    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("id=\"login\""), home.body());
    HttpResponse<String> me = browser.get("/me");
    assertEquals(302, me.statusCode());
    assertEquals("/login?returnTo=%2Fme", Redirects.location(me));
    Redirects.assertToAuthorize(QF.standIn(), browser.get("/login?returnTo=/"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /** {@code java -jar} with only {@code env} of the QF settings (none inherited from this JVM). */
  private Process launch(Map<String, String> env) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toString());
    builder.environment().keySet().removeIf(name -> name.startsWith("QF_") || name.equals("PORT"));
    builder.environment().putAll(env);
    builder.redirectOutput(tmp.resolve("stdout.txt").toFile());
    builder.redirectError(tmp.resolve("stderr.txt").toFile());
    return builder.start();
  }

  private URI awaitUrl(Process process) throws Exception {
    String marker = "qf-auth sample running at ";
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (String line : Files.readAllLines(tmp.resolve("stdout.txt"))) {
        if (line.startsWith(marker)) {
          return URI.create(line.substring(marker.length()).trim());
        }
      }
      if (!process.isAlive()) {
        fail(
            "exited with "
                + process.exitValue()
                + ": "
                + Files.readString(tmp.resolve("stderr.txt")));
      }
      Thread.sleep(100);
    }
    return fail("no start-up line within " + START_TIMEOUT);
  }
}
