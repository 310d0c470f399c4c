package dev.qfauth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks (settings on the classes: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement),
 * one class at a time, each only once the machine is quiet; a class whose run saw foreign CPU load
 * is run again (at most 3 attempts, the quietest kept). Prints a table and writes it to {@code
 * bench.out}/jmh.md.
 */
public final class JmhBench {
  private JmhBench() {}

  public static void main(String[] args) throws Exception {
    Path out =
        Files.createDirectories(Path.of(System.getProperty("bench.out", "target/bench-results")));
    double quietPct = Double.parseDouble(System.getProperty("bench.quietPct", "5"));
    List<String> classes =
        args.length > 0
            ? List.of(args)
            : List.of("HotPathBenchmark", "IdTokenBenchmark", "LoginRedirectBenchmark");
    StringBuilder md =
        new StringBuilder("### JMH (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement)\n\n");
    md.append(
        "| benchmark | threads | mode | score | error (99.9%) | p50 | p99 | unit | foreign CPU |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---|---:|\n");
    for (String name : classes) {
      Collection<RunResult> best = null;
      double bestForeign = Double.MAX_VALUE;
      for (int attempt = 1; attempt <= 3 && bestForeign > quietPct; attempt++) {
        Machine.awaitQuiet(quietPct, 60);
        Options options =
            new OptionsBuilder()
                .include("dev\\.qfauth\\." + (name.contains(".") ? name : name + "\\."))
                .jvmArgsAppend("-Dbench.out=" + out.toAbsolutePath())
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve(name.replaceAll("[^A-Za-z0-9_]", "_") + ".json").toString())
                .build();
        Machine.Snapshot from = Machine.snapshot();
        Collection<RunResult> results = new Runner(options).run();
        double foreign = Machine.foreignPercent(from, Machine.snapshot());
        System.out.printf(
            Locale.ROOT, "[jmh] %s attempt %d: foreign CPU %.1f%%%n", name, attempt, foreign);
        if (foreign < bestForeign) {
          best = results;
          bestForeign = foreign;
        }
      }
      for (RunResult r : best) {
        Result<?> p = r.getPrimaryResult();
        String mode = r.getParams().getMode().shortLabel();
        boolean sample = mode.equals("sample");
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %s | %.3f | %.3f | %s | %s | %s | %.1f%% |%n",
                r.getParams().getBenchmark().replace("dev.qfauth.", ""),
                r.getParams().getThreads(),
                mode,
                p.getScore(),
                p.getScoreError(),
                sample
                    ? String.format(Locale.ROOT, "%.3f", p.getStatistics().getPercentile(50))
                    : "",
                sample
                    ? String.format(Locale.ROOT, "%.3f", p.getStatistics().getPercentile(99))
                    : "",
                p.getScoreUnit(),
                bestForeign));
      }
    }
    Path jwks = out.resolve("jwks-fetches.txt");
    if (Files.exists(jwks)) {
      md.append("\n")
          .append(Files.readString(jwks).trim())
          .append(" (IdTokenBenchmark, whole fork).\n");
    }
    Files.writeString(out.resolve("jmh.md"), md);
    System.out.println();
    System.out.println(md);
  }
}
