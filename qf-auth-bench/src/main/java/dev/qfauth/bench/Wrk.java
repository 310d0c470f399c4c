package dev.qfauth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (closed loop, keep-alive) against loopback and parses its summary. */
final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PCT =
      Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  final int threads;
  final int connections;
  final int seconds;

  Wrk(int threads, int connections, int seconds) {
    this.threads = threads;
    this.connections = connections;
    this.seconds = seconds;
  }

  /** One run's figures; latencies in microseconds. */
  record Result(
      double rps,
      double p50,
      double p75,
      double p90,
      double p99,
      long requests,
      long errors,
      String raw) {}

  Result run(String url, String cookie, int durationSeconds) {
    if (!url.startsWith("http://127.0.0.1:")) {
      throw new IllegalArgumentException("load goes to loopback only: " + url);
    }
    List<String> command = new ArrayList<>(Pinning.loadGenerator());
    command.addAll(
        List.of(
            "wrk",
            "-t" + threads,
            "-c" + connections,
            "-d" + durationSeconds + "s",
            "--timeout",
            "5s",
            "--latency"));
    if (cookie != null && !cookie.isEmpty()) {
      command.add("-H");
      command.add("Cookie: " + cookie);
    }
    command.add(url);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(durationSeconds + 30L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("wrk did not finish");
      }
      return parse(out);
    } catch (IOException e) {
      throw new IllegalStateException(
          "wrk failed to start; install it with: apt-get install -y wrk", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Result run(String url, String cookie) {
    return run(url, cookie, seconds);
  }

  static Result parse(String out) {
    Matcher rps = RPS.matcher(out);
    if (!rps.find()) {
      throw new IllegalStateException("unexpected wrk output:\n" + out);
    }
    double[] pct = new double[4];
    Matcher m = PCT.matcher(out);
    while (m.find()) {
      double v = Double.parseDouble(m.group(2));
      double us =
          switch (m.group(3)) {
            case "us" -> v;
            case "ms" -> v * 1_000;
            default -> v * 1_000_000;
          };
      int i =
          switch (m.group(1)) {
            case "50" -> 0;
            case "75" -> 1;
            case "90" -> 2;
            default -> 3;
          };
      pct[i] = us;
    }
    Matcher total = TOTAL.matcher(out);
    long requests = total.find() ? Long.parseLong(total.group(1)) : 0;
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET.matcher(out);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    return new Result(
        Double.parseDouble(rps.group(1)), pct[0], pct[1], pct[2], pct[3], requests, errors, out);
  }
}
