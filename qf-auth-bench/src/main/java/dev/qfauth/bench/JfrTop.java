package dev.qfauth.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Prints the hottest methods of a JFR recording's CPU samples, by self time and inclusive (once per
 * sample wherever on the stack), optionally only samples whose thread name starts with a prefix.
 * For profiling a goal that was missed: {@code JfrTop file.jfr [threadPrefix] [n] [methodOnStack]}.
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String prefix = args.length > 1 ? args[1] : "";
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    String onStack = args.length > 3 ? args[3] : "";
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      String thread =
          e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
      if (thread == null || !thread.startsWith(prefix)) {
        continue;
      }
      if (!onStack.isEmpty()
          && e.getStackTrace().getFrames().stream()
              .noneMatch(
                  f ->
                      (f.getMethod().getType().getName() + "." + f.getMethod().getName())
                          .contains(onStack))) {
        continue;
      }
      samples++;
      boolean first = true;
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : e.getStackTrace().getFrames()) {
        String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        if (first) {
          self.merge(m, 1, Integer::sum);
          first = false;
        }
        if (seen.add(m)) {
          inclusive.merge(m, 1, Integer::sum);
        }
      }
    }
    System.out.println(
        samples + " samples" + (prefix.isEmpty() ? "" : " on threads " + prefix + "*"));
    print("self", self, samples, n);
    print("inclusive", inclusive, samples, n);
  }

  private static void print(String title, Map<String, Integer> counts, int total, int n) {
    System.out.println("--- " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }
}
