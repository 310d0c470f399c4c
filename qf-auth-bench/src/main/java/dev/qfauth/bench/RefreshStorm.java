package dev.qfauth.bench;

import dev.qfauth.testsupport.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The refresh-heavy run: {@code sessions} signed-in sessions whose access tokens are about to
 * expire each get {@code perSession} concurrent requests. Single-flight refresh means exactly one
 * refresh per session reaches the token endpoint; the rest of that session's requests wait for it.
 * The same bursts on fresh tokens, just before, are the baseline for the extra latency the waiters
 * paid.
 */
final class RefreshStorm {
  /** Moves the filter's clock to 10 s before expiry: inside the 60 s refresh leeway. */
  static final long SHIFT_SECONDS = 3600 - 10;

  /** The bursts' client: HTTP/1.1 as wrk speaks it, no redirects, the sessions' cookies by hand. */
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private RefreshStorm() {}

  record Pass(double p50, double p90, double p99, double max, long bad) {
    static Pass of(List<long[]> results) {
      double[] ms = results.stream().mapToDouble(r -> r[0] / 1e6).toArray();
      long bad = results.stream().filter(r -> r[1] != 200).count();
      return new Pass(
          Stats.percentile(ms, 50),
          Stats.percentile(ms, 90),
          Stats.percentile(ms, 99),
          Stats.percentile(ms, 100),
          bad);
    }
  }

  record Report(
      int sessions,
      int perSession,
      int wave,
      BenchQf.Calls logins,
      BenchQf.Calls baselineCalls,
      BenchQf.Calls refreshCalls,
      BenchQf.Calls afterCalls,
      Pass baseline,
      Pass refresh,
      Pass after,
      long servedWithUser,
      long requestsSent) {}

  static Report run(BenchQf qf, Path logs, int sessions, int perSession, int wave)
      throws IOException {
    try (Child server = new Child("qf-clock", qf.authBase(), logs)) {
      qf.allow(server.base);
      qf.drain();
      List<String> cookies = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        qf.approveNextSignIn();
        Browser browser = new Browser();
        HttpResponse<String> r = browser.navigate(server.base + "/login?returnTo=/hello");
        if (r.statusCode() != 200 || !r.body().startsWith("hello")) {
          throw new IllegalStateException("sign-in " + i + " ended with " + r.statusCode());
        }
        cookies.add(browser.cookieHeader());
      }
      BenchQf.Calls logins = qf.drain();
      ExecutorService pool = Executors.newFixedThreadPool(wave * perSession);
      try {
        passes(server, cookies, perSession, wave, pool); // warm-up: JIT, connections
        qf.drain();
        long[] before = server.stats();
        Pass baseline = Pass.of(passes(server, cookies, perSession, wave, pool));
        BenchQf.Calls baselineCalls = qf.drain();
        server.command("shift " + SHIFT_SECONDS, "SHIFTED");
        Pass refresh = Pass.of(passes(server, cookies, perSession, wave, pool));
        BenchQf.Calls refreshCalls = qf.drain();
        Pass after = Pass.of(passes(server, cookies, perSession, wave, pool));
        BenchQf.Calls afterCalls = qf.drain();
        long[] now = server.stats();
        return new Report(
            sessions,
            perSession,
            wave,
            logins,
            baselineCalls,
            refreshCalls,
            afterCalls,
            baseline,
            refresh,
            after,
            now[1] - before[1],
            3L * sessions * perSession);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Every session once: {@code wave} sessions at a time, {@code perSession} requests each, released
   * together.
   */
  private static List<long[]> passes(
      Child server, List<String> cookies, int perSession, int wave, ExecutorService pool) {
    List<long[]> results = new ArrayList<>();
    URI hello = URI.create(server.base + "/hello");
    for (int from = 0; from < cookies.size(); from += wave) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<long[]>> burst = new ArrayList<>();
      for (String cookie : cookies.subList(from, Math.min(cookies.size(), from + wave))) {
        HttpRequest request =
            HttpRequest.newBuilder(hello)
                .header("Cookie", cookie)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        for (int i = 0; i < perSession; i++) {
          burst.add(
              pool.submit(
                  () -> {
                    go.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r =
                        CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t0;
                    return new long[] {
                      took, r.body().startsWith("hello") ? r.statusCode() : -r.statusCode()
                    };
                  }));
        }
      }
      go.countDown();
      for (Future<long[]> f : burst) {
        try {
          results.add(f.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
          results.add(new long[] {TimeUnit.SECONDS.toNanos(60), -1});
        }
      }
    }
    return results;
  }
}
