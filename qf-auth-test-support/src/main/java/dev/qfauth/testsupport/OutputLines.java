package dev.qfauth.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A child process's standard output, read a line at a time on a daemon thread of its own. */
public final class OutputLines {
  private OutputLines() {}

  /**
   * Hands each line of {@code process}'s output to {@code line}, then calls {@code end} once: with
   * null when the output ended, or with the failure that stopped the reading.
   */
  public static void follow(
      Process process, String threadName, Consumer<String> line, Consumer<IOException> end) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String next; (next = out.readLine()) != null; ) {
                  line.accept(next);
                }
              } catch (IOException e) {
                end.accept(e);
                return;
              }
              end.accept(null);
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
  }
}
