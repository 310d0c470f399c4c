package dev.qfauth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Duet benchmarking (Bulej et al., "Duet Benchmarking: Improving Measurement Accuracy in the
 * Cloud", 2020): the reference (a) and one other set-up run at the same time, each server with its
 * own wrk, both servers on the same core. Whatever the host does to that core in those seconds it
 * does to both, so the ratio of their CPU time per request is the filter's relative cost with the
 * host's noise cancelled, which sequential runs on this machine cannot resolve to a few percent
 * (the same bare servlet swings by up to 40% from one run to the next).
 */
final class Duet {
  private Duet() {}

  /** One duet: both servers' requests and CPU per request over the same seconds. */
  record Pair(Wrk.Result reference, Wrk.Result other, double referenceCpuUs, double otherCpuUs) {
    /** Relative throughput at equal CPU: (a)'s CPU per request over the other's. */
    double cpuRatio() {
      return referenceCpuUs / otherCpuUs;
    }
  }

  static List<Pair> run(
      LoadBench.Setup reference, LoadBench.Setup other, Wrk wrk, int repetitions, double quietPct) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < repetitions; i++) {
      Machine.awaitQuiet(quietPct, 20);
      long refFrom = Machine.ticks(reference.server().pid());
      long otherFrom = Machine.ticks(other.server().pid());
      CompletableFuture<Wrk.Result> ref =
          CompletableFuture.supplyAsync(() -> wrk.run(reference.url(), reference.cookie()));
      Wrk.Result o = wrk.run(other.url(), other.cookie());
      Wrk.Result r = ref.join();
      long refTicks = Machine.ticks(reference.server().pid()) - refFrom;
      long otherTicks = Machine.ticks(other.server().pid()) - otherFrom;
      Pair pair =
          new Pair(
              r,
              o,
              refTicks * 10_000.0 / Math.max(1, r.requests()),
              otherTicks * 10_000.0 / Math.max(1, o.requests()));
      pairs.add(pair);
      LoadBench.log(
          "duet %s+%s: %.0f + %.0f req/s, CPU %.1f vs %.1f us/req, ratio %.3f, p99 %.2f vs %.2f ms",
          reference.key(),
          other.key(),
          r.rps(),
          o.rps(),
          pair.referenceCpuUs(),
          pair.otherCpuUs(),
          pair.cpuRatio(),
          r.p99() / 1000,
          o.p99() / 1000);
    }
    return pairs;
  }

  static String table(List<LoadBench.Setup> others, List<List<Pair>> results, int seconds) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%n### Duets: (a) and one other set-up at the same time on the same core, %d s each%n%n",
            seconds));
    s.append(
        "| set-up | duets | CPU/req ratio (a)/x, median | min..max | (a) us/req | x us/req | x req/s over (a) req/s, median | p50 x/(a), median | p99 x/(a), median |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < others.size(); i++) {
      List<Pair> pairs = results.get(i);
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | **%.3f** | %.3f..%.3f | %.1f | %.1f | %.3f | %.3f | %.3f |%n",
              others.get(i).label(),
              pairs.size(),
              Stats.median(pairs, Pair::cpuRatio),
              Stats.min(pairs, Pair::cpuRatio),
              Stats.max(pairs, Pair::cpuRatio),
              Stats.median(pairs, Pair::referenceCpuUs),
              Stats.median(pairs, Pair::otherCpuUs),
              Stats.median(pairs, p -> p.other().rps() / p.reference().rps()),
              Stats.median(pairs, p -> p.other().p50() / p.reference().p50()),
              Stats.median(pairs, p -> p.other().p99() / p.reference().p99())));
    }
    s.append(
        "\nThe CPU/req ratio is the throughput (x) would reach relative to (a) on a core of its own;"
            + " the req/s ratio depends also on how the scheduler shared the core between the two"
            + " JVMs' threads. Latencies in a duet include waiting for the other server's turn on the"
            + " core, but both see the same host stalls at the same moments, so their ratio is far"
            + " steadier than between sequential runs.\n");
    return s.toString();
  }
}
