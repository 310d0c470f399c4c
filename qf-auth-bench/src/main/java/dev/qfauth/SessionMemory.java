package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory of the default session store.
 *
 * <ol>
 *   <li>Retained heap per signed-in session: fill a {@link CaffeineSessionStore} built with the
 *       default bound and idle timeout with 100,000 sessions made exactly as the callback makes
 *       them (Hydra-shaped token response parsed by {@link TokenResponse}, ID-token claims parsed
 *       by nimbus, {@link Sessions#signedIn}); heap used after full GCs, before and after, divided
 *       by the count. JOL walks the same graph as a cross-check and says where the bytes go.
 *   <li>The bound: 1,000,000 sessions created into a store bounded at the default 100,000, from two
 *       threads; the size is sampled while filling, and heap is measured after.
 * </ol>
 *
 * Run with a fixed heap below 32 GB (compressed oops, as in most deployments).
 */
public final class SessionMemory {
  private SessionMemory() {}

  public static void main(String[] args) throws Exception {
    int sessions = Integer.getInteger("bench.sessions", 100_000);
    int created = Integer.getInteger("bench.created", 1_000_000);
    Path out =
        Files.createDirectories(Path.of(System.getProperty("bench.out", "target/bench-results")));
    HydraTokens tokens = new HydraTokens("https://oauth2.quran.foundation");
    QfAuthConfig defaults =
        QfAuthConfig.builder()
            .clientId(HydraTokens.CLIENT_ID)
            .redirectUri(java.net.URI.create("https://app.example/callback"))
            .build();
    List<String> scopes = defaults.scopes();
    StringBuilder md =
        new StringBuilder("### Memory of the default store (CaffeineSessionStore)\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "JVM: %s %s, max heap %d MiB, %s.%n%n",
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20,
            org.openjdk
                .jol
                .vm
                .VM
                .current()
                .details()
                .lines()
                .filter(l -> l.contains("compressed") || l.contains("Compressed"))
                .findFirst()
                .orElse("")
                .trim()));

    // 1. Retained heap per session.
    QfSession sample = session(tokens, scopes);
    long before;
    long after;
    CaffeineSessionStore store =
        new CaffeineSessionStore(
            defaults.maxSessions(), defaults.sessionIdleTimeout(), Clock.systemUTC());
    before = usedAfterGc();
    for (int i = 0; i < sessions; i++) {
      store.put(defaults.environment(), Randoms.token(), session(tokens, scopes));
    }
    after = usedAfterGc();
    long held = store.size(defaults.environment());
    double perSession = (double) (after - before) / held;
    GraphLayout graph = GraphLayout.parseInstance(entries(store, defaults.environment()));
    double jolPerSession = (double) graph.totalSize() / held;
    GraphLayout one = GraphLayout.parseInstance(sample);
    md.append(
        String.format(
            Locale.ROOT,
            "**Retained per signed-in session: %.0f bytes** (heap after full GC: %d MiB before, %d MiB after"
                + " %,d sessions; %,d held). JOL, the cache's hash table with its nodes, handles and sessions, per session: %.0f bytes.%n%n",
            perSession,
            before >> 20,
            after >> 20,
            sessions,
            held,
            jolPerSession));
    md.append(
        String.format(
            Locale.ROOT,
            "One session value alone (QfSession and everything it references, shared strings included): %d"
                + " bytes; ID token kept: %s; access and refresh tokens %d and %d characters, %d claims kept.%n%n",
            one.totalSize(),
            sample.idToken() == null ? "no" : sample.idToken().reveal().length() + " characters",
            sample.accessToken().reveal().length(),
            sample.refreshToken().reveal().length(),
            sample.claims().size()));
    md.append("Where one session's bytes go (JOL footprint of one QfSession):\n\n```\n")
        .append(one.toFootprint().trim())
        .append("\n```\n\n");
    md.append("Whole store, largest classes (JOL):\n\n```\n")
        .append(topLines(graph.toFootprint(), 14))
        .append("\n```\n\n");
    store = null;
    graph = null;

    // 1b. The same with QF_POST_LOGOUT_REDIRECT_URI set: sessions also keep the raw ID token.
    CaffeineSessionStore withHint =
        new CaffeineSessionStore(
            defaults.maxSessions(), defaults.sessionIdleTimeout(), Clock.systemUTC());
    before = usedAfterGc();
    for (int i = 0; i < sessions; i++) {
      withHint.put(defaults.environment(), Randoms.token(), session(tokens, scopes, true));
    }
    after = usedAfterGc();
    md.append(
        String.format(
            Locale.ROOT,
            "With QF_POST_LOGOUT_REDIRECT_URI set (logout ends the QF session and sends the ID token as"
                + " id_token_hint, so each session keeps it): %.0f bytes per session.%n%n",
            (double) (after - before) / withHint.size(defaults.environment())));
    withHint = null;
    usedAfterGc();

    // 2. The bound holds when far more sessions are created.
    CaffeineSessionStore bounded =
        new CaffeineSessionStore(
            defaults.maxSessions(), defaults.sessionIdleTimeout(), Clock.systemUTC());
    long base = usedAfterGc();
    AtomicLong maxSeen = new AtomicLong();
    AtomicLong next = new AtomicLong();
    long t0 = System.nanoTime();
    Runnable filler =
        () -> {
          for (long n; (n = next.incrementAndGet()) <= created; ) {
            bounded.put(defaults.environment(), Randoms.token(), session(tokens, scopes));
            if (n % 10_000 == 0) {
              // estimatedSize without cleanUp: what the cache holds right now, evictions pending or
              // not.
              maxSeen.accumulateAndGet(estimatedSize(bounded, defaults.environment()), Math::max);
            }
          }
        };
    Thread a = new Thread(filler);
    Thread b = new Thread(filler);
    a.start();
    b.start();
    a.join();
    b.join();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long finalSize = bounded.size(defaults.environment());
    long boundedHeap = usedAfterGc() - base;
    boolean holds = finalSize <= defaults.maxSessions();
    md.append(
        String.format(
            Locale.ROOT,
            "**Bound check: %,d sessions created (2 threads, %.1f s) into a store bounded at %,d: %,d held"
                + " afterwards, at most %,d seen while filling (sampled every 10,000, no clean-up forced);"
                + " store heap %d MiB after GC (%.0f bytes per held session). The bound %s.**%n",
            created,
            seconds,
            defaults.maxSessions(),
            finalSize,
            maxSeen.get(),
            boundedHeap >> 20,
            (double) boundedHeap / finalSize,
            holds ? "holds" : "DOES NOT HOLD"));
    Files.writeString(out.resolve("memory.md"), md);
    System.out.println(md);
    if (bounded.size(defaults.environment()) < 0) {
      System.out.println("unreachable; keeps the store alive until here");
    }
  }

  /** A session exactly as the callback stores it. */
  static QfSession session(HydraTokens tokens, List<String> scopes) {
    return session(tokens, scopes, false);
  }

  /**
   * One filter's session maker each way, as the filter owns one (its scope-set interner with it).
   */
  private static final Sessions WITHOUT_ID_TOKEN = new Sessions(Clock.systemUTC(), false);

  private static final Sessions WITH_ID_TOKEN = new Sessions(Clock.systemUTC(), true);

  /** {@code keepIdToken}: as with QF_POST_LOGOUT_REDIRECT_URI set (logout sends id_token_hint). */
  static QfSession session(HydraTokens tokens, List<String> scopes, boolean keepIdToken) {
    JWTClaimsSet claims = tokens.idClaims(Randoms.token());
    String idToken = tokens.unsigned(claims);
    TokenResponse response = TokenResponse.parse(tokens.tokenResponse(idToken), scopes);
    try {
      return (keepIdToken ? WITH_ID_TOKEN : WITHOUT_ID_TOKEN)
          .signedIn(response, SignedJWT.parse(idToken).getJWTClaimsSet());
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The cache's hash table (Caffeine's {@code BoundedLocalCache.data}): nodes, handles and
   * sessions, without the cache's fixed parts (buffers, sketch) and the clock and executor it
   * points to.
   */
  static Object entries(CaffeineSessionStore store, QfEnvironment env) {
    try {
      Object cache = cache(store, env);
      java.lang.reflect.Field local = cache.getClass().getDeclaredField("cache");
      local.setAccessible(true);
      Object bounded = local.get(cache);
      Class<?> type = bounded.getClass();
      while (type != null) {
        try {
          java.lang.reflect.Field data = type.getDeclaredField("data");
          data.setAccessible(true);
          return data.get(bounded);
        } catch (NoSuchFieldException e) {
          type = type.getSuperclass();
        }
      }
      throw new IllegalStateException("no data field in " + bounded.getClass());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static com.github.benmanes.caffeine.cache.Cache<?, ?> cache(
      CaffeineSessionStore store, QfEnvironment env) throws ReflectiveOperationException {
    java.lang.reflect.Field f = CaffeineSessionStore.class.getDeclaredField("caches");
    f.setAccessible(true);
    return ((java.util.Map<QfEnvironment, com.github.benmanes.caffeine.cache.Cache<?, ?>>)
            f.get(store))
        .get(env);
  }

  /**
   * The cache's own estimate, without the clean-up that {@link CaffeineSessionStore#size} forces.
   */
  @SuppressWarnings("unchecked")
  static long estimatedSize(CaffeineSessionStore store, QfEnvironment env) {
    try {
      java.lang.reflect.Field f = CaffeineSessionStore.class.getDeclaredField("caches");
      f.setAccessible(true);
      var caches =
          (java.util.Map<QfEnvironment, com.github.benmanes.caffeine.cache.Cache<?, ?>>)
              f.get(store);
      return caches.get(env).estimatedSize();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static String topLines(String footprint, int n) {
    String[] lines = footprint.trim().split("\n");
    StringBuilder s = new StringBuilder();
    // header (2 lines), then rows sorted by JOL by size descending? JOL sorts by class name: sort
    // here.
    List<String> rows = new java.util.ArrayList<>();
    String total = "";
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.trim().matches("^\\d+\\s+\\d+\\s+\\d+\\s+.*")) {
        rows.add(l);
      } else if (l.trim().matches("^\\d+\\s+\\d+\\s+\\(total\\).*")) {
        total = l;
      } else if (i < 3) {
        s.append(l).append('\n');
      }
    }
    rows.sort((x, y) -> Long.compare(size(y), size(x)));
    rows.stream().limit(n).forEach(r -> s.append(r).append('\n'));
    return s.append(total).toString();
  }

  private static long size(String row) {
    return Long.parseLong(row.trim().split("\\s+")[2]);
  }
}
