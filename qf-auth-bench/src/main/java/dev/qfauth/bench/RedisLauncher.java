package dev.qfauth.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} (Debian's package) of the bench's own: a free loopback port, a temporary
 * directory, no persistence (no RDB snapshots, no append-only file), stopped by {@link #close()}.
 * Pinned like the load generator (the other core): in a deployment Redis runs on a host of its own,
 * so its CPU must not take the measured server's core. Never the system service.
 */
public final class RedisLauncher implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process process;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;

  private RedisLauncher(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts redis-server and waits until it accepts connections. */
  public static RedisLauncher start() throws IOException {
    String binary = findRedisServer();
    if (binary == null) {
      throw new IllegalStateException(
          "redis-server is not installed (Debian: apt-get install -y redis-server)");
    }
    Path dir = Files.createTempDirectory("qf-bench-redis-");
    int port = Child.freePort();
    List<String> command = new ArrayList<>(Pinning.loadGenerator());
    command.add(binary);
    command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1"));
    command.addAll(List.of("--dir", dir.toString(), "--save", "", "--appendonly", "no"));
    command.addAll(List.of("--daemonize", "no"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    OutputLines.follow(
        process,
        "redis-server-" + port,
        line -> {
          if (!ready.isDone()) {
            log.append(line).append('\n');
          }
          if (line.contains("Ready to accept connections")) {
            ready.complete(null);
          }
        },
        failure ->
            ready.completeExceptionally(
                failure == null
                    ? new IOException("redis-server exited:\n" + log)
                    : new UncheckedIOException(failure)));
    RedisLauncher redis = new RedisLauncher(dir, port, process);
    // Also when the bench dies before close(): a child process outlives the JVM otherwise.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "redis-server-stop"));
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      redis.close();
      throw new IllegalStateException("redis-server did not start on port " + port, e);
    }
    return redis;
  }

  /** {@code redis://127.0.0.1:port}, for QF_REDIS_URI. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** This bench's own connection, to look at what the store wrote. */
  public synchronized RedisCommands<String, String> commands() {
    if (connection == null) {
      client = RedisClient.create(RedisURI.create("127.0.0.1", port));
      connection = client.connect();
    }
    return connection.sync();
  }

  /** Redis's count of commands processed so far (INFO stats; the INFO itself included). */
  public long commandsProcessed() {
    for (String line : commands().info("stats").split("\r?\n")) {
      if (line.startsWith("total_commands_processed:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("INFO stats has no total_commands_processed");
  }

  /** A fresh QF_REDIS_KEY ({@code k1:} and 32 random bytes, base64), for this run only. */
  public static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "k1:" + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public synchronized void close() {
    try {
      if (client != null) {
        if (connection != null) {
          connection.close();
        }
        client.shutdown();
      }
    } finally {
      stopServer();
    }
  }

  private void stopServer() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
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
