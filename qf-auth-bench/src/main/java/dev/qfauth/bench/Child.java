package dev.qfauth.bench;

import dev.qfauth.testsupport.OutputLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link BenchServer} in its own JVM, driven through its stdin; stderr goes to a log file. */
final class Child implements AutoCloseable {
  /** The same flags for every set-up: fixed heap, no resizing during a measurement. */
  static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

  final String mode;
  final String base;
  final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  Child(String mode, String issuer, Path logDir) throws IOException {
    this(mode, mode, issuer, logDir);
  }

  /** {@code name} tells two servers of the same mode apart in their log file's name. */
  Child(String mode, String name, String issuer, Path logDir) throws IOException {
    this(mode, name, issuer, logDir, Map.of());
  }

  /**
   * With {@code environment} added to the server's: settings read from the environment, as a
   * deployment passes them (the Redis set-ups' QF_REDIS_*; no secret on a command line).
   */
  Child(String mode, String name, String issuer, Path logDir, Map<String, String> environment)
      throws IOException {
    this.mode = mode;
    int port = freePort();
    List<String> command = new ArrayList<>(Pinning.server());
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchServer.class.getName());
    command.add(mode);
    command.add(String.valueOf(port));
    command.add(issuer);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(logDir.resolve("server-" + name + ".log").toFile());
    builder.environment().putAll(environment);
    this.process = builder.start();
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    OutputLines.follow(
        process,
        "child-" + mode,
        lines::add,
        failure -> {
          if (failure != null) {
            lines.add("EOF " + failure.getMessage());
          }
        });
    String ready = await("READY", 60);
    this.base = ready.split(" ")[2];
  }

  long pid() {
    return process.pid();
  }

  /** Sends a command and returns the first answer line starting with {@code prefix}. */
  String command(String line, String prefix) {
    in.println(line);
    return await(prefix, 30);
  }

  /** Requests served by the hello servlet so far, and how many had a signed-in user. */
  long[] stats() {
    String[] parts = command("stats", "STATS").split("\\s+");
    return new long[] {
      Long.parseLong(parts[1].substring("served=".length())),
      Long.parseLong(parts[2].substring("withUser=".length()))
    };
  }

  private String await(String prefix, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
        if (line == null && !process.isAlive()) {
          throw new IllegalStateException(mode + " server exited; see server-" + mode + ".log");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        mode + " server did not answer " + prefix + " in " + seconds + " s");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      in.println("quit");
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroy();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
      }
    }
  }
}
