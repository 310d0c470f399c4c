package dev.qfauth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records set-up (b) under load with JFR (every monitor enter and park, however short, and CPU
 * samples) and reports which of them had the filter's code on the stack: a logged-in request must
 * take no lock shared across sessions, so the expected count is zero. The CPU samples give the
 * filter's share and its hottest frames.
 */
final class LockCheck {
  private LockCheck() {}

  record Report(
      long monitorEvents,
      long parkEvents,
      long filterMonitor,
      long filterPark,
      List<String> filterLockStacks,
      long samples,
      long samplesInFilter,
      List<String> hotInFilter,
      List<String> hotOverall) {}

  /**
   * Starts recording {@code pid} with settings {@code kind}.jfc (locks or cpu) into {@code
   * name}.jfr.
   */
  static Path start(long pid, Path dir, String kind, String name) throws IOException {
    Path settings = dir.resolve(kind + ".jfc");
    try (InputStream in = LockCheck.class.getResourceAsStream(kind + ".jfc")) {
      Files.copy(in, settings, StandardCopyOption.REPLACE_EXISTING);
    }
    Path file = dir.resolve(name + ".jfr").toAbsolutePath();
    Files.deleteIfExists(file);
    jcmd(pid, "JFR.start", "name=qfbench", "settings=" + settings, "filename=" + file);
    return file;
  }

  static void stop(long pid) {
    jcmd(pid, "JFR.stop", "name=qfbench");
  }

  static Report analyse(Path file) throws IOException {
    long monitor = 0, park = 0, filterMonitor = 0, filterPark = 0, samples = 0, samplesInFilter = 0;
    List<String> stacks = new ArrayList<>();
    Map<String, Integer> hotFilter = new HashMap<>();
    Map<String, Integer> hotAll = new HashMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      RecordedStackTrace st = e.getStackTrace();
      boolean inFilter = st != null && ownedByLibrary(st);
      switch (type) {
        case "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark" -> {
          boolean parked = "jdk.ThreadPark".equals(type);
          if (parked) {
            park++;
          } else {
            monitor++;
          }
          if (inFilter) {
            if (parked) {
              filterPark++;
            } else {
              filterMonitor++;
            }
            if (stacks.size() < 5) {
              stacks.add(type + " " + describe(st));
            }
          }
        }
        case "jdk.ExecutionSample" -> {
          samples++;
          if (st == null || st.getFrames().isEmpty()) {
            break;
          }
          hotAll.merge(frame(st.getFrames().get(0)), 1, Integer::sum);
          if (inFilter) {
            samplesInFilter++;
            hotFilter.merge(frame(st.getFrames().get(0)), 1, Integer::sum);
          }
        }
        default -> {}
      }
    }
    return new Report(
        monitor,
        park,
        filterMonitor,
        filterPark,
        stacks,
        samples,
        samplesInFilter,
        top(hotFilter, 12, samples),
        top(hotAll, 12, samples));
  }

  /**
   * True when the sample's leaf is the library's own work: a library frame is on the stack and,
   * from the leaf down to it, no frame of the servlet chain the filter called (the app's time is
   * not the filter's).
   */
  private static boolean ownedByLibrary(RecordedStackTrace st) {
    for (RecordedFrame f : st.getFrames()) {
      String type = f.getMethod().getType().getName();
      if (isLibraryFrame(f)) {
        return true;
      }
      if (type.startsWith("org.eclipse.jetty.ee10.servlet.ServletHandler$Chain")
          || type.startsWith("org.eclipse.jetty.ee10.servlet.ServletHolder")
          || type.startsWith("org.eclipse.jetty.ee10.servlet.FilterHolder")
          || type.startsWith("dev.qfauth.bench.")) {
        return false;
      }
    }
    return false;
  }

  /** The library's own frames; the bench's servlet is not the library. */
  private static boolean isLibraryFrame(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    return type.startsWith("dev.qfauth.") && !type.startsWith("dev.qfauth.bench.");
  }

  private static String frame(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String describe(RecordedStackTrace st) {
    StringBuilder s = new StringBuilder();
    st.getFrames().stream()
        .limit(12)
        .forEach(
            f -> s.append("\n      at ").append(frame(f)).append(':').append(f.getLineNumber()));
    return s.toString();
  }

  private static List<String> top(Map<String, Integer> counts, int n, long total) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .map(e -> String.format("%5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey()))
        .toList();
  }

  private static void jcmd(long pid, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(String.valueOf(pid));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
