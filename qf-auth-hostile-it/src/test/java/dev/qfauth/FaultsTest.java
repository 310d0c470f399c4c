package dev.qfauth;

import static dev.qfauth.QfErrorCode.PROVIDER_UNAVAILABLE;
import static dev.qfauth.QfErrorCode.TOKEN_EXCHANGE_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfTokenFailure;
import dev.qfauth.testsupport.Browser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults around the happy path: QF down or unreachable when the app starts, a stalled token
 * endpoint under 200 concurrent sign-ins (measured), and one session's refresh failing mid-flight.
 */
final class FaultsTest {
  private static final Duration STALLED_TIMEOUT = Duration.ofSeconds(2);
  private static final int SIGN_INS = 200;

  @RegisterExtension static final Rig rig = new Rig();

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void providerDownAtStartUpShowsUnreachableAndRecoversByItself(Containers.Kind kind)
      throws Exception {
    rig.qf().hostile.inject(QfDefect.DISCOVERY_CONNECTION_DROPPED);
    try (HostileApp app = new HostileApp(rig.qf(), kind)) {
      Browser browser = new Browser();
      assertEquals("hello /public", browser.get(app.url("/public")).body(), "the app started");
      HttpResponse<String> login = browser.get(app.loginUrl("/"));
      app.assertRefused(browser, login, PROVIDER_UNAVAILABLE, 0);
      assertTrue(login.body().contains("unreachable"), login.body());

      rig.qf().hostile.clear(); // QF is back
      app.clock.advance(Duration.ofSeconds(3)); // past the 2 s between discovery attempts
      app.signIn(browser, "alice");
    }
  }

  @Test
  void connectTimeoutHoldsWhenTheProviderAcceptsNoConnections() throws Exception {
    // A listening socket whose backlog is full: connections are neither accepted nor refused.
    try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Backlog filled = new Backlog(blackHole.getLocalPort())) {
      assertTrue(filled.connections() > 0, "the backlog took the first connections");
      URI base = URI.create("http://127.0.0.1:" + blackHole.getLocalPort());
      long started = System.nanoTime();
      try (HostileApp app =
          new HostileApp(
              rig.qf(), Containers.Kind.JETTY, b -> b.authBaseUrl(base).apiBaseUrl(base))) {
        Duration startUp = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(startUp.compareTo(Duration.ofSeconds(3)) < 0, "start-up took " + startUp);
        Browser browser = new Browser();
        assertEquals("hello /public", browser.get(app.url("/public")).body());
        app.clock.advance(Duration.ofSeconds(3)); // a fresh discovery attempt, not the cached error
        long asked = System.nanoTime();
        HttpResponse<String> login = browser.get(app.loginUrl("/"));
        Duration took = Duration.ofNanos(System.nanoTime() - asked);
        app.assertRefused(browser, login, PROVIDER_UNAVAILABLE, 0);
        assertTrue(login.body().contains("unreachable"), login.body());
        assertTrue(
            took.compareTo(Duration.ofMillis(450)) > 0, "waited for the connection: " + took);
        assertTrue(
            took.compareTo(Duration.ofMillis(1_500)) < 0, "QF_CONNECT_TIMEOUT_MS=500: " + took);
      }
    }
  }

  /** Fills a listening socket's accept queue so the next connection attempt hangs. */
  private static final class Backlog implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();

    Backlog(int port) {
      for (int i = 0; i < 8; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
          sockets.add(socket);
        } catch (java.io.IOException full) {
          closeQuietly(socket);
          return;
        }
      }
    }

    int connections() {
      return sockets.size();
    }

    @Override
    public void close() {
      sockets.forEach(Backlog::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (java.io.IOException e) {
        // closing a test socket
      }
    }
  }

  // ---- 200 concurrent sign-ins against a stalled token endpoint ------------------------------

  /** What one run measured. */
  record Measurement(
      Containers.Kind kind,
      int bulkhead,
      int refusedAtOnce,
      int timedOut,
      int other,
      long refusedMillisMax,
      long timedOutMillisMin,
      long timedOutMillisMax,
      int peakWaitingOnQf,
      List<Long> publicMillis) {

    long publicPercentile(double p) {
      List<Long> sorted = new ArrayList<>(publicMillis);
      Collections.sort(sorted);
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    @Override
    public String toString() {
      return String.format(
          "%s, QF_MAX_CONCURRENT_TOKEN_CALLS=%d, QF_REQUEST_TIMEOUT_MS=%d, %d concurrent callbacks:"
              + " %d refused at once (max %d ms), %d gave up at the timeout (%d..%d ms), %d other;"
              + " at most %d container threads waiting on QF at once; /public during the stall: %d"
              + " requests, p50 %d ms, p95 %d ms, max %d ms",
          kind,
          bulkhead,
          STALLED_TIMEOUT.toMillis(),
          SIGN_INS,
          refusedAtOnce,
          refusedMillisMax,
          timedOut,
          timedOutMillisMin,
          timedOutMillisMax,
          other,
          peakWaitingOnQf,
          publicMillis.size(),
          publicPercentile(0.5),
          publicPercentile(0.95),
          publicPercentile(1.0));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void twoHundredSignInsAgainstAStalledTokenEndpointLeaveOtherPagesServed(Containers.Kind kind)
      throws Exception {
    Measurement m = stalledSignIns(kind, 32); // the default bulkhead
    System.out.println("MEASUREMENT " + m);
    assertEquals(SIGN_INS, m.refusedAtOnce() + m.timedOut(), m.toString());
    assertTrue(m.peakWaitingOnQf() <= 32, "at most 32 threads waited on QF at a time: " + m);
    assertTrue(m.refusedAtOnce() >= SIGN_INS / 2, "most were refused without waiting: " + m);
    assertTrue(
        m.refusedMillisMax() < STALLED_TIMEOUT.toMillis(), "refused before the timeout: " + m);
    assertTrue(m.timedOutMillisMax() < STALLED_TIMEOUT.toMillis() + 2_000, "bounded: " + m);
    assertTrue(m.publicMillis().size() >= 10, "other pages were served during the stall: " + m);
    assertTrue(m.publicPercentile(0.5) < 100, "and stayed fast: " + m);
  }

  @Test
  void withoutTheBulkheadTheSameStallTakesTheThreadsOfOtherPages() throws Exception {
    // The counterfactual that gives the measurement above its meaning: a bulkhead larger than
    // Tomcat's pool (200 worker threads) lets the stalled provider hold them all.
    Measurement m = stalledSignIns(Containers.Kind.TOMCAT, 1_000);
    System.out.println("MEASUREMENT (no bulkhead) " + m);
    // How many threads the stall takes depends on how fast 200 requests arrive (on an idle
    // machine: all 200 of Tomcat's workers, and /public waits for the timeout); the bulkhead
    // would have held it to 32.
    assertTrue(m.peakWaitingOnQf() > 32, "more than the bulkhead's 32 waited on QF: " + m);
  }

  private static Measurement stalledSignIns(Containers.Kind kind, int bulkhead) throws Exception {
    try (HostileApp app =
        new HostileApp(
            rig.qf(),
            kind,
            b ->
                b.requestTimeout(STALLED_TIMEOUT)
                    .connectTimeout(STALLED_TIMEOUT) // stalled, not unreachable
                    .maxConcurrentTokenCalls(bulkhead))) {
      app.discovered();
      List<Browser> browsers = new ArrayList<>();
      List<String> callbacks = new ArrayList<>();
      for (int i = 0; i < SIGN_INS; i++) {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(app.loginUrl("/"));
        rig.qf().standIn.autoLogin("alice");
        callbacks.add(Browser.location(browser.get(Browser.location(login))));
        browsers.add(browser);
      }
      rig.qf().hostile.inject(QfDefect.TOKEN_STALLED);

      AtomicBoolean sampling = new AtomicBoolean(true);
      AtomicInteger peakWaiting = new AtomicInteger();
      CompletableFuture<Void> sampler =
          CompletableFuture.runAsync(
              () -> {
                while (sampling.get()) {
                  peakWaiting.accumulateAndGet(app.app.filter().tokenCallsInFlight(), Math::max);
                  sleep(2);
                }
              });
      ExecutorService clients = Executors.newFixedThreadPool(SIGN_INS);
      List<Future<long[]>> results = new ArrayList<>();
      List<Long> publicMillis = new ArrayList<>();
      try {
        for (int i = 0; i < SIGN_INS; i++) {
          Browser browser = browsers.get(i);
          String callback = callbacks.get(i);
          results.add(
              clients.submit(
                  () -> {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = browser.get(callback);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    String body = answer.body();
                    int kindOf =
                        body.contains("too many calls are already waiting")
                            ? 0
                            : body.contains("no complete answer within") ? 1 : 2;
                    if (kindOf == 2) {
                      System.out.println("OTHER " + millis + " ms " + body);
                    }
                    assertEquals(TOKEN_EXCHANGE_FAILED.httpStatus(), answer.statusCode());
                    return new long[] {kindOf, millis};
                  }));
        }
        // Other, unprotected pages once the stall holds (the calls that will wait on QF are
        // waiting): one request every 20 ms until shortly before the first ones time out.
        int gathering = Math.min(bulkhead, SIGN_INS) * 9 / 10;
        long gathered = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_000);
        while (app.app.filter().tokenCallsInFlight() < gathering && System.nanoTime() < gathered) {
          sleep(5);
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(900);
        Browser visitor = new Browser();
        while (System.nanoTime() < until) {
          long started = System.nanoTime();
          assertEquals("hello /public", visitor.get(app.url("/public")).body());
          publicMillis.add((System.nanoTime() - started) / 1_000_000);
          sleep(20);
        }
        int refused = 0;
        int timedOut = 0;
        int other = 0;
        long refusedMax = 0;
        long timedOutMin = Long.MAX_VALUE;
        long timedOutMax = 0;
        for (Future<long[]> result : results) {
          long[] r = result.get(30, TimeUnit.SECONDS);
          if (r[0] == 0) {
            refused++;
            refusedMax = Math.max(refusedMax, r[1]);
          } else if (r[0] == 1) {
            timedOut++;
            timedOutMin = Math.min(timedOutMin, r[1]);
            timedOutMax = Math.max(timedOutMax, r[1]);
          } else {
            other++;
          }
        }
        sampling.set(false);
        sampler.get(5, TimeUnit.SECONDS);
        Evidence.assertNoThreadWaitingOnQf();
        assertFalse(browsers.stream().anyMatch(b -> b.cookie(Cookies.SESSION) != null));
        return new Measurement(
            kind,
            bulkhead,
            refused,
            timedOut,
            other,
            refusedMax,
            timedOutMin == Long.MAX_VALUE ? 0 : timedOutMin,
            timedOutMax,
            peakWaiting.get(),
            publicMillis);
      } finally {
        sampling.set(false);
        clients.shutdownNow();
        rig.qf().hostile.clear();
      }
    }
  }

  // ---- one session's refresh failing mid-flight ----------------------------------------------

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void refreshFailingMidFlightForOneSessionLeavesOtherSessionsAlone(Containers.Kind kind)
      throws Exception {
    try (HostileApp app = new HostileApp(rig.qf(), kind)) {
      Rig.warmUp(app);
      Browser alice = new Browser();
      Browser bilal = new Browser();
      app.signIn(alice, "alice");
      app.signIn(bilal, "bilal");
      // Both access tokens are now within the refresh leeway: the next page of each refreshes.
      app.clock.advance(Duration.ofSeconds(3600 - 30));
      rig.qf().hostile.resetCounts();
      // Alice's refresh reaches QF, which answers only after the filter's 1 s deadline, having
      // rotated her refresh token meanwhile: the answer is lost.
      rig.qf().standIn.failNextTokenCall(QfTokenFailure.delay(Duration.ofMillis(1_500)));
      ExecutorService background = Executors.newSingleThreadExecutor();
      long aliceStarted = System.nanoTime();
      try {
        Future<HttpResponse<String>> alicePage =
            background.submit(() -> alice.get(app.url("/private/page")));
        while (rig.qf().hostile.tokenCalls() == 0) {
          sleep(5);
        }
        long started = System.nanoTime();
        HttpResponse<String> bilalPage = bilal.get(app.url("/private/page"));
        long bilalMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, bilalPage.statusCode(), bilalPage.body());
        assertFalse(alicePage.isDone(), "alice's refresh is still in flight");
        assertTrue(bilalMillis < 500, "bilal's refresh did not wait for alice's: " + bilalMillis);

        // Alice's deadline passes: a transient failure keeps her signed in for now.
        assertEquals(200, alicePage.get(5, TimeUnit.SECONDS).statusCode());
        // QF processes (and rotates) the refresh whose answer was lost 1.5 s after it arrived.
        sleep(2_500 - (System.nanoTime() - aliceStarted) / 1_000_000);
        // The failure put her session in back-off (first wait at most 1 s); once it has passed,
        // her next page refreshes with the spent token: QF refuses it, and only her session ends.
        app.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> again = alice.get(app.url("/private/page"));
        assertEquals(302, again.statusCode(), "alice must sign in again: " + again.body());
        assertEquals("anonymous", app.whoami(alice));
        assertTrue(app.whoami(bilal).contains("sub="), "bilal is still signed in");
        assertEquals(200, bilal.get(app.url("/collections")).statusCode());
      } finally {
        background.shutdownNow();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
