package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@link BrowserScenario} on the packaged standalone jar in demo mode, run as the README's first
 * command runs it: {@code QF_DEMO=true java -jar sample-webapp-standalone.jar}, in its own process
 * (embedded Jetty, the stand-in inside it), with no other QF setting.
 */
final class StandaloneJarBrowserIT extends BrowserScenario {
  private static final Path JAR = Path.of(System.getProperty("sample.standaloneJar"));
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String MARKER = "qf-auth sample running at ";

  private Process process;

  @Override
  URI startApp(Path work) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toString());
    builder.environment().keySet().removeIf(n -> n.startsWith("QF_") || n.equals("PORT"));
    builder.environment().put("QF_DEMO", "true");
    builder.environment().put("PORT", String.valueOf(freePort()));
    Path stdout = work.resolve("stdout.txt");
    builder.redirectOutput(stdout.toFile());
    builder.redirectError(work.resolve("stderr.txt").toFile());
    process = builder.start();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String out = Files.readString(stdout);
      int at = out.indexOf(MARKER);
      if (at >= 0 && out.contains("DEMO MODE")) {
        return URI.create(out.substring(at + MARKER.length()).lines().findFirst().orElseThrow());
      }
      if (!process.isAlive()) {
        fail(
            "exited with "
                + process.exitValue()
                + ": "
                + Files.readString(work.resolve("stderr.txt")));
      }
      Thread.sleep(50);
    }
    return fail("no start-up line within " + START_TIMEOUT);
  }

  @Override
  void stopApp() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Override
  String name() {
    return "standalone-jar";
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
