package dev.qfauth.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} (Debian's package) of the caller's own, never the system service: on
 * 127.0.0.1 at a free port below the ephemeral range, in a temporary directory, without RDB
 * snapshots. It can be stopped and started again on the same port and directory; with the
 * append-only file on, a restart keeps what was written. The callers bring their own Redis client.
 */
public final class RedisServer implements AutoCloseable {
  private final List<String> launcher;
  private final boolean appendOnly;
  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(List<String> launcher, boolean appendOnly, Path dir, int port) {
    this.launcher = List.copyOf(launcher);
    this.appendOnly = appendOnly;
    this.dir = dir;
    this.port = port;
  }

  /** The path of {@code redis-server} (on PATH, or Debian's), or null when it is not installed. */
  public static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    Path debian = Path.of("/usr/bin/redis-server");
    return Files.isExecutable(debian) ? debian.toString() : null;
  }

  /**
   * A server given its port and directory, not started yet. {@code launcher} goes before the binary
   * on the command line (such as {@code taskset -c 1}; empty for none).
   */
  public static RedisServer create(boolean appendOnly, List<String> launcher) throws IOException {
    if (binary() == null) {
      throw new IllegalStateException(
          "redis-server is not installed (Debian: apt-get install -y redis-server)");
    }
    return new RedisServer(
        launcher,
        appendOnly,
        Files.createTempDirectory("qf-redis-"),
        freePortBelowEphemeralRange());
  }

  /** {@code redis://127.0.0.1:port}, as QF_REDIS_URI takes it. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Its port on 127.0.0.1, the same across restarts. */
  public int port() {
    return port;
  }

  /** Whether the process runs (it may still be starting). */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts redis-server (again) and waits, at most 30 s, until it accepts connections. */
  public synchronized void start() throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.add(binary());
    command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1"));
    command.addAll(List.of("--dir", dir.toString(), "--save", "", "--daemonize", "no"));
    command.addAll(List.of("--appendonly", appendOnly ? "yes" : "no"));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = readiness(process, "redis-server-log-" + port);
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not start on port " + port, e);
    }
  }

  /** Stops redis-server as an operator would (SIGTERM: it writes out its append-only file). */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    try {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Stops it and deletes its directory. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /** Completes when redis-server says it is ready; fails with what it printed if it exits first. */
  private static CompletableFuture<Void> readiness(Process process, String threadName) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    OutputLines.follow(
        process,
        threadName,
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
    return ready;
  }

  /**
   * A free port below Linux's ephemeral range (32768 and up). A restart leaves the port free for a
   * moment: a port from the ephemeral range could then be taken as the local end of any outgoing
   * connection on the machine, or of a client's own reconnect attempt to it (a TCP self-connect),
   * and redis-server would fail to start again with "Address already in use".
   */
  private static int freePortBelowEphemeralRange() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int candidate = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket free = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        return free.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port found between 20000 and 32000");
  }
}
