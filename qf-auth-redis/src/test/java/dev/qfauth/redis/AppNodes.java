package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthFilter;
import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import dev.qfauth.QfUserContext;
import dev.qfauth.SessionStore;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestUser;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Several app nodes, each a real QfAuthFilter in its own embedded Jetty configured by settings
 * alone ({@code QF_SESSION_STORE=redis}), sharing one Redis and one QF stand-in, behind a
 * round-robin client that never follows redirects (as a load balancer without affinity would spread
 * a browser's requests).
 */
final class AppNodes implements AutoCloseable {
  static final String REDIRECT_URI = "http://localhost/cb";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final List<Node> nodes;
  private final AtomicInteger next = new AtomicInteger();

  private AppNodes(List<Node> nodes) {
    this.nodes = nodes;
  }

  /** The settings every node gets; {@code extra} adds or overrides. */
  static Map<String, String> settings(
      QfStandIn qf, RedisServerExtension redis, Map<String, String> extra) {
    Map<String, String> s = new HashMap<>();
    s.put(QfAuthConfig.CLIENT_ID, "my-app");
    s.put(QfAuthConfig.CLIENT_SECRET, "my-secret");
    s.put(QfAuthConfig.AUTH_BASE_URL, qf.authBaseUrl().toString());
    s.put(QfAuthConfig.API_BASE_URL, qf.apiBaseUrl().toString());
    s.put(QfAuthConfig.REDIRECT_URI, REDIRECT_URI);
    s.put(QfAuthConfig.PROTECTED_PATHS, "/me");
    s.put(QfAuthConfig.SESSION_STORE, "redis");
    s.put(RedisSessionStoreFactory.URI, redis.uri());
    s.put(RedisSessionStoreFactory.KEY, Stores.KEY_1);
    s.putAll(extra);
    return s;
  }

  static AppNodes start(int count, Map<String, String> settings) throws Exception {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(Node.start(settings));
    }
    return new AppNodes(nodes);
  }

  Node node(int index) {
    return nodes.get(index);
  }

  int size() {
    return nodes.size();
  }

  /** The next node in turn. */
  Node roundRobin() {
    return nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
  }

  @Override
  public void close() throws Exception {
    for (Node node : nodes) {
      node.stop();
    }
  }

  /** Answers who is signed in, and a short tag of the access token the request was served with. */
  public static final class MeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain");
      response
          .getWriter()
          .print(
              QfUserContext.current(request)
                  .map(user -> "signed in as " + user.sub())
                  .orElse("nobody"));
    }
  }

  /** One node: a Jetty server with the filter and {@link MeServlet} at {@code /me}. */
  record Node(Server server, ServletContextHandler app) {
    static Node start(Map<String, String> settings) throws Exception {
      Server server = new Server();
      server.addConnector(new ServerConnector(server));
      ServletContextHandler app = new ServletContextHandler("/");
      FilterHolder filter = new FilterHolder(QfAuthFilter.class);
      settings.forEach(filter::setInitParameter);
      app.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
      app.addServlet(MeServlet.class, "/me");
      server.setHandler(app);
      server.start();
      return new Node(server, app);
    }

    jakarta.servlet.ServletContext context() {
      return app.getServletContext();
    }

    SessionStore store() {
      return (SessionStore) context().getAttribute(QfAuthFilter.STORE_ATTRIBUTE);
    }

    QfAuthConfig config() {
      return (QfAuthConfig) context().getAttribute(QfAuthFilter.CONFIG_ATTRIBUTE);
    }

    QfEnvironment environment() {
      return config().environment();
    }

    URI uri(String pathAndQuery) {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      return URI.create("http://localhost:" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String cookie) throws Exception {
      return HTTP.send(request(pathAndQuery, cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery, String cookie) {
      return HTTP.sendAsync(
          request(pathAndQuery, cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A same-origin form POST, as the sign-out button sends it. */
    HttpResponse<String> post(String path, String cookie) throws Exception {
      return HTTP.send(
          request(path, cookie)
              .header("Sec-Fetch-Site", "same-origin")
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String pathAndQuery, String cookie) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
      if (cookie != null) {
        request.header("Cookie", cookie);
      }
      return request;
    }

    void stop() throws Exception {
      server.stop(); // the filter's destroy closes its Redis store
    }
  }

  /** The {@code name=value} of the named cookie a response sets, or {@code null}. */
  static String setCookie(HttpResponse<?> response, String name) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      if (header.startsWith(name + "=")) {
        int end = header.indexOf(';');
        return end < 0 ? header : header.substring(0, end);
      }
    }
    return null;
  }

  /** Any HTTP GET without cookies, for the stand-in's authorization endpoint. */
  static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The browser's way in: {@code /login} on {@code start}, QF's page (approving {@code user} at
   * once), the callback on {@code finish}.
   *
   * @return the {@code QF_SESSION=...} cookie
   */
  static String signIn(QfStandIn qf, QfTestUser user, Node start, Node finish) throws Exception {
    qf.autoLogin(user);
    HttpResponse<String> login = start.get("/login", null);
    assertEquals(302, login.statusCode());
    String browser = setCookie(login, "QF_LOGIN");
    assertNotNull(browser, "the sign-in binds the browser");
    HttpResponse<String> approved =
        get(URI.create(login.headers().firstValue("Location").orElseThrow()));
    assertEquals(302, approved.statusCode());
    URI back = URI.create(approved.headers().firstValue("Location").orElseThrow());
    assertTrue(back.toString().startsWith(REDIRECT_URI + "?"), back.getPath());
    HttpResponse<String> callback =
        finish.get(back.getRawPath() + "?" + back.getRawQuery(), browser);
    assertEquals(302, callback.statusCode(), callback.body());
    String session = setCookie(callback, "QF_SESSION");
    assertNotNull(session, "signed in");
    return session;
  }

  /** Stores {@code handle}'s session again with its access token expired a second ago. */
  static QfSession expireAccessToken(Node node, String handle) {
    QfSession signedIn = node.store().get(node.environment(), handle).orElseThrow();
    Instant now = Instant.now();
    QfSession expired =
        new QfSession(
            signedIn.sub(),
            signedIn.accessToken(),
            now.minusSeconds(1),
            signedIn.refreshToken(),
            signedIn.idToken(),
            signedIn.scopes(),
            signedIn.claims(),
            now.minusSeconds(3601),
            signedIn.signedInAt(),
            signedIn.lastActiveAt());
    node.store().put(node.environment(), handle, expired);
    return expired;
  }
}
