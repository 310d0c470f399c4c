package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port in a temporary directory,
 * started before the test class and stopped after it; never the system service. Without {@code
 * redis-server} the tests are skipped, or fail when {@code CI=true}.
 *
 * <p>Public for other modules' tests (the sample's two-node test), through this module's test jar.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final boolean appendOnly;
  private Path dir;
  private int port;
  private Process process;
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> connection;

  private RedisServerExtension(boolean appendOnly) {
    this.appendOnly = appendOnly;
  }

  /** No persistence: the fastest. */
  public static RedisServerExtension inMemory() {
    return new RedisServerExtension(false);
  }

  /** With the append-only file on, so a restart keeps what was written. */
  public static RedisServerExtension appendOnly() {
    return new RedisServerExtension(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String binary = findRedisServer();
    if (binary == null) {
      String why = "redis-server is not installed (apt-get install redis-server)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + ": CI=true, so the Redis tests must run");
      }
      Assumptions.abort(why);
    }
    dir = Files.createTempDirectory("qf-redis-");
    port = freePortBelowEphemeralRange();
    start();
    client = RedisClient.create(RedisURI.create("127.0.0.1", port));
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (client != null) {
      connection.close();
      client.shutdown();
    }
    stop();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768 and up). A restart leaves the port free for a
   * moment: a port from the ephemeral range could then be taken as the local end of any outgoing
   * connection on the machine, or of a client's own reconnect attempt to it (a TCP self-connect),
   * and redis-server would fail to start again with "Address already in use".
   */
  private static int freePortBelowEphemeralRange() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int candidate = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket free = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        return free.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port found between 20000 and 32000");
  }

  /** {@code redis://127.0.0.1:port}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** A connection of the test's own, to look at what the store wrote. */
  RedisCommands<String, byte[]> redis() {
    return connection.sync();
  }

  /** Starts redis-server (again, on the same port and directory) and waits until it is ready. */
  void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(findRedisServer());
    command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1"));
    command.addAll(List.of("--dir", dir.toString(), "--save", "", "--daemonize", "no"));
    command.addAll(List.of("--appendonly", appendOnly ? "yes" : "no"));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  if (!ready.isDone()) {
                    log.append(line).append('\n');
                  }
                  if (line.contains("Ready to accept connections")) {
                    ready.complete(null);
                  }
                }
                ready.completeExceptionally(new IOException("redis-server exited:\n" + log));
              } catch (IOException e) {
                ready.completeExceptionally(new UncheckedIOException(e));
              }
            },
            "redis-server-log-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not start on port " + port, e);
    }
  }

  /** Starts redis-server unless it runs. */
  void ensureRunning() throws IOException, InterruptedException {
    if (process == null || !process.isAlive()) {
      start();
    }
  }

  /** Stops redis-server as an operator would (SIGTERM: it writes out its append-only file). */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static String findRedisServer() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    Path debian = Path.of("/usr/bin/redis-server");
    return Files.isExecutable(debian) ? debian.toString() : null;
  }
}
