package dev.qfauth;

import jakarta.servlet.FilterChain;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The logged-in {@code doFilter} measured in CPU time of the calling thread rather than wall time,
 * so other processes on a shared machine barely move the figure: for before/after comparisons of a
 * library change. Same set-up as {@link HotPathBenchmark}. Prints the median of 9 one-second
 * batches, for one session repeated and for 100,000 sessions in turn.
 */
public final class HotPathCpu {
  private HotPathCpu() {}

  static volatile Object sink;

  public static void main(String[] args) throws Exception {
    HotPathBenchmark b = new HotPathBenchmark();
    b.setUp();
    FilterChain chain = (req, res) -> sink = req;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try {
      for (String variant : new String[] {"same session", "100,000 sessions"}) {
        boolean same = variant.startsWith("same");
        double[] nsPerOp = new double[9];
        for (int batch = -5; batch < nsPerOp.length; batch++) { // 5 warm-up batches
          long ops = 0;
          long cpu0 = threads.getCurrentThreadCpuTime();
          long end = System.nanoTime() + 1_000_000_000L;
          int i = 0;
          while (System.nanoTime() < end) {
            for (int k = 0; k < 1000; k++) {
              b.filter.doFilter(b.requests[same ? 0 : i], b.response, chain);
              i = i + 1 == HotPathBenchmark.SESSIONS ? 0 : i + 1;
            }
            ops += 1000;
          }
          if (batch >= 0) {
            nsPerOp[batch] = (double) (threads.getCurrentThreadCpuTime() - cpu0) / ops;
            if (Boolean.getBoolean("bench.verbose")) {
              System.out.printf(Locale.ROOT, "  batch %d: %.0f ns%n", batch, nsPerOp[batch]);
            }
          }
        }
        Arrays.sort(nsPerOp);
        System.out.printf(
            Locale.ROOT,
            "doFilter, %s: %.0f ns CPU per request (median of 9; min %.0f, max %.0f)%n",
            variant,
            nsPerOp[4],
            nsPerOp[0],
            nsPerOp[8]);
      }
    } finally {
      b.tearDown();
    }
  }
}
