package dev.qfauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tells how much CPU went to processes that are not this benchmark (other builds on a shared
 * machine, the hypervisor's steal) while a run was measured, from /proc: all busy time minus the
 * time of this JVM and its descendants (the servers; wrk and jcmd once reaped count in our cutime).
 * A run with foreign load is not a measurement of the filter, so the load bench repeats it.
 */
final class Machine {
  private static final int CPUS = Runtime.getRuntime().availableProcessors();

  private Machine() {}

  /** Busy and steal ticks of the whole machine, ticks of our process tree, and when. */
  record Snapshot(long busy, long steal, long ours, long nanos) {}

  static Snapshot snapshot() {
    long nanos = System.nanoTime();
    long busy = 0;
    long steal = 0;
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // user nice system idle iowait irq softirq steal ...
      busy =
          parse(cpu[1])
              + parse(cpu[2])
              + parse(cpu[3])
              + parse(cpu[6])
              + parse(cpu[7])
              + parse(cpu[8]);
      steal = parse(cpu[8]);
    } catch (IOException | RuntimeException e) {
      return new Snapshot(0, 0, 0, nanos);
    }
    long ours =
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
            .mapToLong(p -> ticks(p.pid()))
            .sum();
    return new Snapshot(busy, steal, ours, nanos);
  }

  /** Foreign CPU between two snapshots, percent of the whole machine (all cores). */
  static double foreignPercent(Snapshot from, Snapshot to) {
    double capacity = (to.nanos() - from.nanos()) / 1e7 * CPUS; // USER_HZ = 100
    if (capacity <= 0 || from.busy() == 0) {
      return 0;
    }
    long foreign = (to.busy() - from.busy()) - (to.ours() - from.ours());
    return Math.max(0, 100.0 * foreign / capacity);
  }

  /**
   * Waits (at most {@code maxSeconds}) until one second passes with foreign load under {@code pct}.
   */
  static double awaitQuiet(double pct, int maxSeconds) {
    double last = 100;
    for (int i = 0; i < maxSeconds; i++) {
      Snapshot a = snapshot();
      sleep(1000);
      last = foreignPercent(a, snapshot());
      if (last < pct) {
        return last;
      }
    }
    return last;
  }

  /** CPU ticks (1/100 s) of {@code pid} and its reaped children. */
  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // Fields after the command name (which may hold spaces) start at ") ".
      List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+"));
      // utime stime cutime cstime are fields 14-17, i.e. 11-14 after state (field 3 = index 0).
      return parse(f.get(11)) + parse(f.get(12)) + parse(f.get(13)) + parse(f.get(14));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long parse(String s) {
    return Long.parseLong(s);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
