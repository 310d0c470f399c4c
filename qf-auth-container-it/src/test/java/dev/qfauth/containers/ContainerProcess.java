package dev.qfauth.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A servlet container in a child process started by its own launcher (catalina.sh, start.jar), its
 * output in a log file under target/. {@link #close()} stops the whole process tree, gently first,
 * then by force.
 */
final class ContainerProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final String name;
  private final Process process;
  private final Path log;

  private ContainerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ContainerProcess start(
      String name, List<String> command, Path directory, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ContainerProcess(name, builder.start(), log);
  }

  /**
   * Polls {@code url} until it answers with a status {@code ready} accepts; fails as soon as the
   * process dies, or after {@code limit}.
   */
  void awaitReady(URI url, Predicate<Integer> ready, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + " before "
                + url
                + " answered\n"
                + log());
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        last = response.statusCode();
        if (ready.test(last)) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new AssertionError(
        name + ": " + url + " not ready within " + limit + " (last status " + last + ")\n" + log());
  }

  /**
   * Waits 200 ms or until the process ends, and fails if it has: the interval between two polls of
   * a condition, never a synchronisation by itself.
   */
  void pause() {
    try {
      if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The container's output so far. */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return log;
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
