package dev.qfauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A loopback stand-in for Hydra's discovery and JWKS endpoints, whose documents a test can swap at
 * any time, plus an "attacker" JWKS that must never be fetched. Counts every fetch.
 */
final class OidcStubServer implements AutoCloseable {
  static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  static final String JWKS_PATH = "/.well-known/jwks.json";
  static final String ATTACKER_JWKS_PATH = "/attacker/jwks.json";
  static final String TOKEN_PATH = "/oauth2/token";

  private final HttpServer server;
  private final URI base;
  private volatile String discovery;
  private volatile String jwks = "{\"keys\":[]}";
  private volatile String attackerJwks = "{\"keys\":[]}";
  private volatile int jwksStatus = 200;
  final AtomicInteger discoveryHits = new AtomicInteger();
  final AtomicInteger jwksHits = new AtomicInteger();
  final AtomicInteger attackerHits = new AtomicInteger();
  final AtomicInteger tokenHits = new AtomicInteger();
  private volatile int tokenStatus = 200;
  private volatile String tokenBody = "{}";
  private volatile long tokenDelayMillis;
  private volatile String lastTokenRequest;

  static {
    // Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus delayed ACK adds
    // about 40 ms to every fetch. Read once, when the JDK's server classes initialise.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private OidcStubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    server.createContext(DISCOVERY_PATH, ex -> serve(ex, discoveryHits, () -> discovery));
    server.createContext(JWKS_PATH, ex -> serve(ex, jwksHits, () -> jwks, jwksStatus));
    server.createContext(ATTACKER_JWKS_PATH, ex -> serve(ex, attackerHits, () -> attackerJwks));
    server.createContext(TOKEN_PATH, this::token);
    // Several token requests may be in flight at once (single-flight tests must see them overlap).
    server.setExecutor(
        java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "oidc-stub");
              t.setDaemon(true);
              return t;
            }));
    discovery = discoveryFor(base.toString(), List.of("RS256"));
    server.start();
  }

  static OidcStubServer start() throws IOException {
    return new OidcStubServer();
  }

  /** The auth base and, by default, the issuer: {@code http://127.0.0.1:<port>} (no slash). */
  URI base() {
    return base;
  }

  /** A Hydra-like discovery document with every endpoint on this server. */
  String discoveryFor(String issuer, List<String> idTokenAlgorithms) {
    String algs =
        idTokenAlgorithms.stream()
            .map(a -> "\"" + a + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    return "{\"issuer\":\""
        + issuer
        + "\","
        + "\"authorization_endpoint\":\""
        + base
        + "/oauth2/auth\","
        + "\"token_endpoint\":\""
        + base
        + "/oauth2/token\","
        + "\"jwks_uri\":\""
        + base
        + JWKS_PATH
        + "\","
        + "\"revocation_endpoint\":\""
        + base
        + "/oauth2/revoke\","
        + "\"end_session_endpoint\":\""
        + base
        + "/oauth2/sessions/logout\","
        + "\"id_token_signing_alg_values_supported\":"
        + algs
        + ","
        + "\"scopes_supported\":[\"offline_access\",\"offline\",\"openid\"]}";
  }

  void discovery(String json) {
    this.discovery = json;
  }

  void jwks(String json) {
    this.jwks = json;
  }

  /** The JWKS endpoint's status from now on (200 by default; 503 for a keys outage). */
  void jwksStatus(int status) {
    this.jwksStatus = status;
  }

  void attackerJwks(String json) {
    this.attackerJwks = json;
  }

  /** What the token endpoint answers next (every call, until changed). */
  void tokenResponse(int status, String body) {
    this.tokenStatus = status;
    this.tokenBody = body;
  }

  void tokenDelay(long millis) {
    this.tokenDelayMillis = millis;
  }

  /** The form body of the last token request. */
  String lastTokenRequest() {
    return lastTokenRequest;
  }

  private void token(HttpExchange ex) throws IOException {
    tokenHits.incrementAndGet();
    lastTokenRequest = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    try {
      Thread.sleep(tokenDelayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes = tokenBody.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(tokenStatus, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void serve(HttpExchange ex, AtomicInteger hits, Supplier<String> body)
      throws IOException {
    serve(ex, hits, body, 200);
  }

  private static void serve(HttpExchange ex, AtomicInteger hits, Supplier<String> body, int status)
      throws IOException {
    hits.incrementAndGet();
    byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
