package dev.qfauth.bench;

import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load part of the benchmark, all in one run: starts the provider stand-in here and three Jetty
 * servers in their own JVMs (bare servlet, behind QfAuthFilter, behind pac4j), signs in to the two
 * secured ones, plus the floor filter (d), then measures with wrk in rounds that bracket every
 * set-up between two runs of (a) (a b a c a d a /login a, ...) and reports medians. Then a JFR lock
 * check of (b) under load and the refresh-heavy run.
 *
 * <p>Two more set-ups on request, for the Redis store ({@code QF_SESSION_STORE=redis}): (r) with
 * its near cache at the default size and (r0) with it off, each a QfAuthFilter JVM of its own
 * against a redis-server the bench starts ({@link RedisLauncher}); their ratios to (b) are tabled
 * too.
 *
 * <p>System properties: {@code bench.rounds} (12), {@code bench.duration} seconds per run (4),
 * {@code bench.warmup} seconds per set-up (15), {@code bench.connections} (32), {@code
 * bench.threads} (1), {@code bench.out} (target/bench-results), {@code bench.quietPct} (5: a round
 * in which other processes used more of the machine than this is not counted; rounds go on, at most
 * {@code bench.maxAttempts} = 2 x rounds, until {@code bench.rounds} are quiet, else the least
 * disturbed are used), {@code bench.setups} (a,b,c,d,login; r and r0 add the Redis set-ups), {@code
 * bench.duets} (7 per set-up, 0 for none), {@code bench.jfr} and {@code bench.storm} (true).
 */
public final class LoadBench {
  private LoadBench() {}

  /**
   * One measured set-up: where wrk goes, with which cookie, and which server counts the requests.
   */
  record Setup(
      String key, String label, Child server, String url, String cookie, boolean loggedIn) {}

  /**
   * One wrk run and what it cost: the server's CPU per request (microseconds), the server's and
   * this JVM's (mostly wrk, once reaped) CPU in percent of one core.
   */
  record Round(
      Wrk.Result wrk,
      long served,
      long withUser,
      BenchQf.Calls providerCalls,
      double foreign,
      double serverCpuMicrosPerRequest,
      double serverCpuPct,
      double loadGenCpuPct,
      double referenceRps) {
    /** With the mean req/s of the (a) runs just before and after this one. */
    Round withReference(double rps) {
      return new Round(
          wrk,
          served,
          withUser,
          providerCalls,
          foreign,
          serverCpuMicrosPerRequest,
          serverCpuPct,
          loadGenCpuPct,
          rps);
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 12);
    int duration = Integer.getInteger("bench.duration", 4);
    int warmup = Integer.getInteger("bench.warmup", 15);
    int connections = Integer.getInteger("bench.connections", 32);
    int threads = Integer.getInteger("bench.threads", 1);
    int maxAttempts = Integer.getInteger("bench.maxAttempts", 2 * rounds);
    double quietPct = Double.parseDouble(System.getProperty("bench.quietPct", "5"));
    Path out =
        Files.createDirectories(Path.of(System.getProperty("bench.out", "target/bench-results")));
    Wrk wrk = new Wrk(threads, connections, duration);
    StringBuilder md = new StringBuilder();

    List<String> only = List.of(System.getProperty("bench.setups", "a,b,c,d,login").split(","));
    boolean withRedis = only.contains("r") || only.contains("r0");
    String redisKey = RedisLauncher.randomKey();
    try (BenchQf qf = new BenchQf();
        // Only for (r) and (r0): a redis-server of the bench's own, stopped after their servers.
        RedisLauncher redis = withRedis ? RedisLauncher.start() : null;
        Child a = new Child("bare", qf.authBase(), out);
        Child b = new Child("qf", qf.authBase(), out);
        Child c = new Child("pac4j", qf.authBase(), out);
        Child d = new Child("floor", qf.authBase(), out);
        // /login gets a QfAuthFilter JVM of its own: in (b)'s JVM, a million sign-in redirects
        // slowed its signed-in requests afterwards (duets 0.85-0.94 against 0.97 without), which
        // a real app, where /login is a small share of requests, would not see.
        Child l = new Child("qf", "qf-login", qf.authBase(), out);
        // (r): the Redis store with its near cache at the default size; (r0): near cache off.
        Child rs =
            only.contains("r") ? redisChild("qf-redis", qf, out, redis, redisKey, null) : null;
        Child rs0 =
            only.contains("r0") ? redisChild("qf-redis-0", qf, out, redis, redisKey, "0") : null) {
      qf.allow(b.base);
      qf.allow(c.base);
      qf.allow(l.base);
      String qfCookie = signIn(qf, b, "/login?returnTo=/hello");
      String pacCookie = signIn(qf, c, "/hello");
      String redisCookie = null;
      String redisCookie0 = null;
      if (rs != null) {
        qf.allow(rs.base);
        redisCookie = signIn(qf, rs, "/login?returnTo=/hello");
      }
      if (rs0 != null) {
        qf.allow(rs0.base);
        redisCookie0 = signIn(qf, rs0, "/login?returnTo=/hello");
      }
      BenchQf.Calls signInCalls = qf.drain();
      List<Setup> setups =
          new ArrayList<>(
              List.of(
                  // (a) gets (b)'s cookie too: the same request bytes, only nobody reads the
                  // cookie.
                  new Setup("a", "(a) bare servlet", a, a.base + "/hello", qfCookie, false),
                  new Setup(
                      "b", "(b) QfAuthFilter, logged in", b, b.base + "/hello", qfCookie, true),
                  new Setup(
                      "c",
                      "(c) pac4j SecurityFilter + OidcClient, logged in",
                      c,
                      c.base + "/hello",
                      pacCookie,
                      true),
                  new Setup(
                      "d",
                      "(d) floor: cookie read + map lookup + attribute + wrapper",
                      d,
                      d.base + "/hello",
                      qfCookie,
                      true),
                  new Setup(
                      "login",
                      "/login on QfAuthFilter: 302 with PKCE, state, nonce",
                      l,
                      l.base + "/login?returnTo=/hello",
                      null,
                      false)));
      if (rs != null) {
        setups.add(
            new Setup(
                "r",
                "(r) QfAuthFilter, Redis store with near cache, logged in",
                rs,
                rs.base + "/hello",
                redisCookie,
                true));
      }
      if (rs0 != null) {
        setups.add(
            new Setup(
                "r0",
                "(r0) QfAuthFilter, Redis store, near cache off, logged in",
                rs0,
                rs0.base + "/hello",
                redisCookie0,
                true));
      }

      setups = setups.stream().filter(s -> only.contains(s.key())).toList();
      log(
          "wrk -t%d -c%d, %d s runs, %d round(s), %d s warm-up per set-up",
          threads, connections, duration, rounds, warmup);
      for (Setup s : setups) {
        log("warm-up %s", s.label());
        wrk.run(s.url(), s.cookie(), warmup);
      }
      qf.drain();
      // Every attempt is a full round: a b a c a d a /login a, each set-up between two runs of (a).
      // On a shared machine other processes come and go: rounds in which foreign CPU stayed under
      // bench.quietPct in every run are the measurement; if fewer than bench.rounds are quiet after
      // bench.maxAttempts, the least disturbed rounds are used and the table says so.
      List<Map<String, Round>> attemptsDone = new ArrayList<>();
      List<Double> worstForeign = new ArrayList<>();
      Setup bare = setups.get(0);
      if (!bare.key().equals("a")) {
        throw new IllegalArgumentException("bench.setups must start with a (the reference)");
      }
      int quiet = 0;
      for (int attempt = 1; attempt <= maxAttempts && quiet < rounds; attempt++) {
        Map<String, Round> round = new LinkedHashMap<>();
        List<Round> bareRuns = new ArrayList<>();
        Round before = measure(bare, attempt, wrk, qf, quietPct);
        bareRuns.add(before);
        for (Setup s : setups.subList(1, setups.size())) {
          Round r = measure(s, attempt, wrk, qf, quietPct);
          Round after = measure(bare, attempt, wrk, qf, quietPct);
          bareRuns.add(after);
          // Each set-up is bracketed by (a) runs: its ratio is to their mean, so a drift of the
          // machine across the three runs cancels to first order.
          round.put(s.key(), r.withReference((before.wrk().rps() + after.wrk().rps()) / 2));
          before = after;
        }
        bareRuns.sort((x, y) -> Double.compare(x.wrk().rps(), y.wrk().rps()));
        Round middle = bareRuns.get(bareRuns.size() / 2);
        Map<String, Round> ordered = new LinkedHashMap<>();
        ordered.put("a", middle.withReference(middle.wrk().rps()));
        ordered.putAll(round);
        double worst = bareRuns.stream().mapToDouble(Round::foreign).max().orElse(0);
        for (Round r : round.values()) {
          worst = Math.max(worst, r.foreign());
        }
        attemptsDone.add(ordered);
        worstForeign.add(worst);
        if (worst <= quietPct) {
          quiet++;
        }
        log("round %d: worst foreign CPU %.1f%% (%d quiet so far)", attempt, worst, quiet);
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < attemptsDone.size(); i++) {
        order.add(i);
      }
      order.sort((x, y) -> Double.compare(worstForeign.get(x), worstForeign.get(y)));
      int keep = Math.max(Math.min(rounds, attemptsDone.size()), quiet);
      List<Integer> kept =
          order.subList(0, Math.min(keep, order.size())).stream().sorted().toList();
      Map<String, List<Round>> results = new LinkedHashMap<>();
      for (int i : kept) {
        attemptsDone
            .get(i)
            .forEach((k, r) -> results.computeIfAbsent(k, x -> new ArrayList<>()).add(r));
      }
      md.append(
          String.format(
              Locale.ROOT,
              "Rounds: %d run, %d quiet (foreign CPU <= %.1f%% of the machine in every run); the table uses %s:"
                  + " rounds %s, worst foreign CPU in them %s.%n%n",
              attemptsDone.size(),
              quiet,
              quietPct,
              quiet >= rounds
                  ? "the quiet rounds"
                  : "the " + kept.size() + " least disturbed rounds (NOT all quiet)",
              kept.stream().map(i -> String.valueOf(i + 1)).toList(),
              kept.stream()
                  .map(i -> String.format(Locale.ROOT, "%.1f%%", worstForeign.get(i)))
                  .toList()));
      md.append(table(setups, results, connections, threads, duration, rounds));
      md.append("\nSign-in for the run: ")
          .append(signInCalls)
          .append(" provider calls (every signed-in set-up).\n");
      md.append(checks(setups, results));

      int duets = Integer.getInteger("bench.duets", 7);
      if (duets > 0) {
        List<Setup> others = setups.subList(1, setups.size());
        List<List<Duet.Pair>> duetResults = new ArrayList<>();
        for (Setup other : others) {
          duetResults.add(new ArrayList<>());
        }
        // Interleaved (a+b, a+c, ..., a+b, a+c, ...) so no set-up gets a quieter stretch.
        for (int i = 0; i < duets; i++) {
          for (int k = 0; k < others.size(); k++) {
            duetResults.get(k).addAll(Duet.run(bare, others.get(k), wrk, 1, quietPct));
          }
        }
        md.append(Duet.table(others, duetResults, duration));
        md.append(redisAgainstCaffeine(others, duetResults, results));
      }
      if (redis != null) {
        md.append(redisCommandsPerRequest(setups, redis, wrk, duration));
      }

      if (Boolean.parseBoolean(System.getProperty("bench.jfr", "true"))) {
        log("JFR lock check of (b) under load");
        Path locks = LockCheck.start(b.pid(), out, "locks", "b-locks");
        wrk.run(b.base + "/hello", qfCookie, 10);
        LockCheck.stop(b.pid());
        LockCheck.Report lockReport = LockCheck.analyse(locks);
        log("JFR CPU profile of (b) under load");
        Path cpu = LockCheck.start(b.pid(), out, "cpu", "b-cpu");
        wrk.run(b.base + "/hello", qfCookie, 10);
        LockCheck.stop(b.pid());
        LockCheck.Report cpuReport = LockCheck.analyse(cpu);
        md.append(
            lockReport(
                lockReport,
                cpuReport,
                Stats.median(results.get("b"), Round::serverCpuMicrosPerRequest)));
      }
    }

    if (Boolean.parseBoolean(System.getProperty("bench.storm", "true")))
      try (BenchQf qf = new BenchQf()) {
        log("refresh-heavy run");
        RefreshStorm.Report storm =
            RefreshStorm.run(
                qf,
                out,
                Integer.getInteger("bench.refreshSessions", 100),
                Integer.getInteger("bench.refreshPerSession", 20),
                Integer.getInteger("bench.refreshWave", 5));
        md.append(stormReport(storm));
      }
    Files.writeString(out.resolve("load.md"), md);
    System.out.println();
    System.out.println(md);
  }

  /** A QfAuthFilter server with the Redis store; {@code nearCacheSize} null for the default. */
  private static Child redisChild(
      String name, BenchQf qf, Path out, RedisLauncher redis, String key, String nearCacheSize)
      throws java.io.IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QF_REDIS_URI", redis.uri());
    env.put("QF_REDIS_KEY", key);
    if (nearCacheSize != null) {
      env.put("QF_REDIS_NEAR_CACHE_SIZE", nearCacheSize);
    }
    return new Child("qf-redis", name, qf.authBase(), out, env);
  }

  /**
   * The goal, (r) at >= 0.9 of (b): each Redis set-up's duet medians divided by (b)'s, and
   * the same for the bracketed ratios of the rounds.
   */
  private static String redisAgainstCaffeine(
      List<Setup> others, List<List<Duet.Pair>> duets, Map<String, List<Round>> rounds) {
    int bAt = indexOf(others, "b");
    if (bAt < 0) {
      return "";
    }
    StringBuilder s = new StringBuilder("\n### Redis store against the Caffeine store (b)\n\n");
    s.append(
        "| set-up | duet CPU/req ratio x/(b) | duet req/s ratio x/(b) | rounds: bracketed req/s ratio x/(b) |\n");
    s.append("|---|---:|---:|---:|\n");
    double bCpu = Stats.median(duets.get(bAt), Duet.Pair::cpuRatio);
    double bRps = Stats.median(duets.get(bAt), p -> p.other().rps() / p.reference().rps());
    double bRound = Stats.median(rounds.get("b"), x -> x.wrk().rps() / x.referenceRps());
    boolean any = false;
    for (String key : List.of("r", "r0")) {
      int at = indexOf(others, key);
      if (at < 0) {
        continue;
      }
      any = true;
      List<Duet.Pair> pairs = duets.get(at);
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | **%.3f** | %.3f | %.3f |%n",
              others.get(at).label(),
              Stats.median(pairs, Duet.Pair::cpuRatio) / bCpu,
              Stats.median(pairs, p -> p.other().rps() / p.reference().rps()) / bRps,
              Stats.median(rounds.get(key), x -> x.wrk().rps() / x.referenceRps()) / bRound));
    }
    s.append(
        "\nEach figure is a set-up's median ratio to (a) divided by (b)'s: the throughput the Redis"
            + " store reaches relative to the default Caffeine store (goal for (r): >= 0.9). Redis"
            + " runs on the load generator's core, as it would on a host of its own; its CPU is not"
            + " in the server's.\n");
    return any ? s.toString() : "";
  }

  /** Redis commands per signed-in request of (r) and (r0), from INFO's command counter. */
  private static String redisCommandsPerRequest(
      List<Setup> setups, RedisLauncher redis, Wrk wrk, int seconds) {
    StringBuilder s = new StringBuilder("\nRedis commands per signed-in request (one wrk run of ");
    s.append(seconds).append(" s each): ");
    for (Setup setup : setups) {
      if (!setup.key().startsWith("r")) {
        continue;
      }
      long before = redis.commandsProcessed();
      Wrk.Result w = wrk.run(setup.url(), setup.cookie());
      // The INFO call itself counts as one command.
      long commands = redis.commandsProcessed() - before - 1;
      s.append(
          String.format(
              Locale.ROOT,
              "%s %.4f (%d commands, %d requests); ",
              setup.key(),
              (double) commands / Math.max(1, w.requests()),
              commands,
              w.requests()));
    }
    // The sessions (r) and (r0) signed in with, as the stand-in issues tokens (a JWT-shaped access
    // token, where QF's are opaque: see the redis part for those).
    long keys = 0;
    long bytes = 0;
    for (String key : redis.commands().keys("*:session:*")) {
      keys++;
      bytes += redis.commands().memoryUsage(key);
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%nRedis MEMORY USAGE of the %d session(s) signed in through the stand-in: %.0f bytes"
                + " each.%n",
            keys,
            (double) bytes / Math.max(1, keys)));
    return s.toString();
  }

  private static int indexOf(List<Setup> setups, String key) {
    for (int i = 0; i < setups.size(); i++) {
      if (setups.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * One wrk run of {@code s} with its server's CPU, the requests it served and the provider calls.
   */
  private static Round measure(Setup s, int attempt, Wrk wrk, BenchQf qf, double quietPct) {
    Machine.awaitQuiet(quietPct, 20);
    long[] before = s.server().stats();
    long serverFrom = Machine.ticks(s.server().pid());
    long selfFrom = Machine.ticks(ProcessHandle.current().pid());
    Machine.Snapshot from = Machine.snapshot();
    Wrk.Result w = wrk.run(s.url(), s.cookie());
    Machine.Snapshot to = Machine.snapshot();
    long serverTicks = Machine.ticks(s.server().pid()) - serverFrom;
    long selfTicks = Machine.ticks(ProcessHandle.current().pid()) - selfFrom;
    long[] after = s.server().stats();
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    Round r =
        new Round(
            w,
            after[0] - before[0],
            after[1] - before[1],
            qf.drain(),
            Machine.foreignPercent(from, to),
            serverTicks * 10_000.0 / Math.max(1, w.requests()),
            serverTicks / seconds,
            selfTicks / seconds,
            w.rps());
    log(
        "attempt %d %-6s %9.0f req/s  p50 %6.3f ms  p99 %6.3f ms  errors %d  served %d withUser %d"
            + "  foreign CPU %4.1f%%  server CPU %.0f%% (%.1f us/req)  wrk CPU %.0f%%  provider %s",
        attempt,
        s.key(),
        w.rps(),
        w.p50() / 1000,
        w.p99() / 1000,
        w.errors(),
        r.served(),
        r.withUser(),
        r.foreign(),
        r.serverCpuPct(),
        r.serverCpuMicrosPerRequest(),
        r.loadGenCpuPct(),
        r.providerCalls());
    return r;
  }

  private static String signIn(BenchQf qf, Child server, String start) {
    qf.approveNextSignIn();
    Browser browser = new Browser();
    HttpResponse<String> r = browser.navigate(server.base + start);
    if (r.statusCode() != 200 || !r.body().startsWith("hello")) {
      throw new IllegalStateException(
          server.mode + ": sign-in ended with " + r.statusCode() + " " + r.body());
    }
    return browser.cookieHeader();
  }

  private static String table(
      List<Setup> setups,
      Map<String, List<Round>> results,
      int connections,
      int threads,
      int duration,
      int rounds) {
    List<Round> base = results.get("a");
    double aRps = Stats.median(base, r -> r.wrk().rps());
    double aP50 = Stats.median(base, r -> r.wrk().p50());
    double aP99 = Stats.median(base, r -> r.wrk().p99());
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "### Load: wrk -t%d -c%d, %d s x %d alternating rounds (medians over rounds)%n%n",
            threads,
            connections,
            duration,
            rounds));
    s.append(
        "| set-up | req/s | req/s min..max (CV) | p50 ms | p99 ms | req/s vs (a) | bracketed req/s vs (a), median | p99 vs (a) | server CPU us/req |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Setup setup : setups) {
      List<Round> rs = results.get(setup.key());
      double rps = Stats.median(rs, r -> r.wrk().rps());
      double p50 = Stats.median(rs, r -> r.wrk().p50());
      double p99 = Stats.median(rs, r -> r.wrk().p99());
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f..%.0f (%.1f%%) | %.3f | %.3f | %.3f | %.3f | %+.1f%% | %.1f |%n",
              setup.label(),
              rps,
              Stats.min(rs, r -> r.wrk().rps()),
              Stats.max(rs, r -> r.wrk().rps()),
              Stats.cv(rs, r -> r.wrk().rps()),
              p50 / 1000,
              p99 / 1000,
              rps / aRps,
              sameRoundRatio(rs, base),
              100 * (p99 / aP99 - 1),
              Stats.median(rs, Round::serverCpuMicrosPerRequest)));
    }
    s.append("\nPer-round ratios (to the mean of the (a) runs before and after): ");
    for (String key : List.of("b", "c", "d", "login", "r", "r0")) {
      List<Round> rs = results.get(key);
      if (rs == null) {
        continue;
      }
      s.append(key).append("/a = [");
      for (int i = 0; i < rs.size(); i++) {
        s.append(
            String.format(
                Locale.ROOT,
                i == 0 ? "%.3f" : ", %.3f",
                rs.get(i).wrk().rps() / rs.get(i).referenceRps()));
      }
      s.append("]  ");
    }
    s.append(
        String.format(
            Locale.ROOT, "%n(a) median p50 %.3f ms, p99 %.3f ms.%n", aP50 / 1000, aP99 / 1000));
    return s.toString();
  }

  /**
   * Median over rounds of this set-up's req/s divided by the mean of the (a) runs just before and
   * after it: paired, so the machine's slow swings (which move both alike) cancel.
   */
  private static double sameRoundRatio(List<Round> rs, List<Round> base) {
    double[] ratios = new double[rs.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = rs.get(i).wrk().rps() / rs.get(i).referenceRps();
    }
    return Stats.percentile(ratios, 50);
  }

  private static String checks(List<Setup> setups, Map<String, List<Round>> results) {
    StringBuilder s = new StringBuilder("\nChecks over the measured rounds:\n\n");
    for (Setup setup : setups) {
      List<Round> rs = results.get(setup.key());
      long requests = rs.stream().mapToLong(r -> r.wrk().requests()).sum();
      long errors = rs.stream().mapToLong(r -> r.wrk().errors()).sum();
      long served = rs.stream().mapToLong(Round::served).sum();
      long withUser = rs.stream().mapToLong(Round::withUser).sum();
      long provider = rs.stream().mapToLong(r -> r.providerCalls().total()).sum();
      s.append(
          String.format(
              Locale.ROOT,
              "- %s: wrk counted %d requests, %d errors/non-2xx-3xx; the servlet served %d, %d with a signed-in user;"
                  + " calls reaching the provider: %d%n",
              setup.label(),
              requests,
              errors,
              served,
              withUser,
              provider));
    }
    return s.toString();
  }

  private static String lockReport(
      LockCheck.Report locks, LockCheck.Report cpu, double serverMicrosPerRequest) {
    StringBuilder s = new StringBuilder("\n### (b) under load, recorded with JFR\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "Locks (every monitor enter/wait and every park, no threshold, with stacks):%n%n"
                + "- monitor enter/wait events: %d in the JVM, %d with library code (dev.qfauth) on the stack%n"
                + "- thread park events: %d in the JVM, %d with library code on the stack%n",
            locks.monitorEvents(),
            locks.filterMonitor(),
            locks.parkEvents(),
            locks.filterPark()));
    locks.filterLockStacks().forEach(st -> s.append("  - ").append(st).append('\n'));
    double share = (double) cpu.samplesInFilter() / Math.max(1, cpu.samples());
    s.append(
        String.format(
            Locale.ROOT,
            "%nCPU (execution samples): %d, of which %d (%.1f%%) in the library's own code (not counting the app"
                + " it calls). With the server's median %.1f us CPU per request in the rounds, that is about"
                + " %.2f us per request spent in the filter.%n",
            cpu.samples(),
            cpu.samplesInFilter(),
            100 * share,
            serverMicrosPerRequest,
            share * serverMicrosPerRequest));
    s.append("\nLibrary's own samples by leaf frame (share of all samples):\n\n```\n");
    cpu.hotInFilter().forEach(l -> s.append(l).append('\n'));
    s.append("```\n\nAll samples by leaf frame:\n\n```\n");
    cpu.hotOverall().forEach(l -> s.append(l).append('\n'));
    s.append("```\n");
    return s.toString();
  }

  private static String stormReport(RefreshStorm.Report r) {
    StringBuilder s = new StringBuilder("\n### Refresh-heavy run\n\n");
    s.append(
        String.format(
            Locale.ROOT,
            "%d sessions signed in (%s). Each session gets %d concurrent GET /hello, %d sessions at a time"
                + " (%d requests in flight). Baseline: the same bursts with fresh tokens; then the filter's clock"
                + " moves %d s ahead, so every access token is inside the 60 s refresh leeway.%n%n",
            r.sessions(),
            r.logins(),
            r.perSession(),
            r.wave(),
            r.perSession() * r.wave(),
            RefreshStorm.SHIFT_SECONDS));
    s.append(
        "| pass | refresh calls at the token endpoint | p50 ms | p90 ms | p99 ms | max ms | failed |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|\n");
    row(s, "baseline (fresh tokens)", r.baselineCalls().refreshGrants(), r.baseline());
    row(s, "every session expired", r.refreshCalls().refreshGrants(), r.refresh());
    row(s, "again, after the refresh", r.afterCalls().refreshGrants(), r.after());
    s.append(
        String.format(
            Locale.ROOT,
            "%nExtra latency the waiters paid (expired minus baseline): p50 %+.2f ms, p90 %+.2f ms, p99 %+.2f ms, max %+.2f ms.%n"
                + "Requests sent over the three passes: %d; served with a signed-in user: %d. Provider calls during the"
                + " expired pass: %s.%n",
            r.refresh().p50() - r.baseline().p50(),
            r.refresh().p90() - r.baseline().p90(),
            r.refresh().p99() - r.baseline().p99(),
            r.refresh().max() - r.baseline().max(),
            r.requestsSent(),
            r.servedWithUser(),
            r.refreshCalls()));
    return s.toString();
  }

  private static void row(StringBuilder s, String name, int calls, RefreshStorm.Pass p) {
    s.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.2f | %.2f | %.2f | %.2f | %d |%n",
            name,
            calls,
            p.p50(),
            p.p90(),
            p.p99(),
            p.max(),
            p.bad()));
  }

  static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[load] " + format + "%n", args);
    System.out.flush();
  }
}
