package dev.qfauth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-request cost of a logged-in request: finding the session by its cookie and building the
 * {@link QfUserContext}, alone and as the whole {@link QfAuthFilter#doFilter} (with a chain that
 * does nothing). The default store holds 100,000 sessions and consecutive requests belong to
 * different sessions, as on a busy site.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HotPathBenchmark extends JmhDefaults {
  private static final Cookies COOKIES = new Cookies(false, false);

  static final int SESSIONS = 100_000;

  LocalProvider provider;
  QfAuthFilter filter;
  FilterParts parts;
  private static final Sessions SESSIONS_MADE = new Sessions(java.time.Clock.systemUTC(), false);
  String[] handles;
  ServletStubs.Request[] requests;
  HttpServletResponse response;

  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int next() {
      int i = next;
      next = i + 1 == SESSIONS ? 0 : i + 1;
      return i;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    provider = new LocalProvider();
    QfAuthConfig config = provider.config().build();
    filter = new QfAuthFilter(config);
    Map<String, Object> attributes = ServletStubs.attributes();
    filter.init(ServletStubs.filterConfig(attributes));
    SessionStore store = (SessionStore) attributes.get(QfAuthFilter.STORE_ATTRIBUTE);
    parts = FilterParts.of(provider.config().sessionStore(store).build());
    List<Integer> order = new ArrayList<>();
    handles = new String[SESSIONS];
    for (int i = 0; i < SESSIONS; i++) {
      handles[i] = Randoms.token();
      store.put(config.environment(), handles[i], session(provider.tokens));
      order.add(i);
    }
    Collections.shuffle(order);
    requests = new ServletStubs.Request[SESSIONS];
    for (int i = 0; i < SESSIONS; i++) {
      String handle = handles[order.get(i)];
      handles[i] = handle;
      // A browser that signed in also still holds the short-lived sign-in binding cookie.
      requests[i] =
          new ServletStubs.Request(
              "/hello",
              new Cookie(Cookies.BROWSER, Randoms.token()),
              new Cookie(QfAuthFilter.SESSION_COOKIE, handle));
    }
    response = ServletStubs.response();
  }

  /** A session as the callback stores it: parsed from a Hydra-shaped token response. */
  static QfSession session(HydraTokens tokens) throws java.text.ParseException {
    com.nimbusds.jwt.JWTClaimsSet claims = tokens.idClaims(Randoms.token());
    String idToken = tokens.unsigned(claims);
    TokenResponse response =
        TokenResponse.parse(tokens.tokenResponse(idToken), List.of(HydraTokens.SCOPE.split(" ")));
    return SESSIONS_MADE.signedIn(
        response, com.nimbusds.jwt.SignedJWT.parse(idToken).getJWTClaimsSet());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    filter.destroy();
    provider.close();
  }

  /** Cookie parsing and validation of the handle (the container has already split the header). */
  @Benchmark
  public String cookieRead(Cursor c) {
    return COOKIES.sessionHandle(requests[c.next()]);
  }

  /** Store lookup plus the expiry check (no refresh is due). */
  @Benchmark
  public Optional<QfSession> findSession(Cursor c) {
    return parts.sessions().activeSession(handles[c.next()], parts.sessions().now());
  }

  /** Lookup and the user context the app sees. */
  @Benchmark
  public QfUserContext findSessionAndBuildContext(Cursor c) {
    String handle = handles[c.next()];
    return new QfUserContext(
        parts.config().environment(),
        parts.sessions().activeSession(handle, parts.sessions().now()).orElseThrow(),
        parts.apiClients(),
        handle);
  }

  /** Everything the filter does for a logged-in request, up to calling the app. */
  @Benchmark
  public void doFilter(Cursor c, Blackhole bh) throws Exception {
    FilterChain chain = (req, res) -> bh.consume(req);
    filter.doFilter(requests[c.next()], response, chain);
  }

  /** One session again and again (as in the wrk run, where every request has the same cookie). */
  @Benchmark
  public void doFilter_sameSession(Blackhole bh) throws Exception {
    FilterChain chain = (req, res) -> bh.consume(req);
    filter.doFilter(requests[0], response, chain);
  }

  /** The same from both cores at once: no lock is shared between sessions. */
  @Benchmark
  @Threads(2)
  public void doFilter_2threads(Cursor c, Blackhole bh) throws Exception {
    FilterChain chain = (req, res) -> bh.consume(req);
    filter.doFilter(requests[c.next()], response, chain);
  }
}
