package dev.qfauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal provider for the JMH benchmarks, on loopback: discovery and JWKS only, counting how
 * often each is fetched (the JWKS must be fetched once, not per login). Not QfStandIn: the
 * benchmarks verify thousands of ID tokens they sign themselves ({@link HydraTokens}), each with
 * its own login's nonce, and the stand-in signs only the tokens it issues.
 */
final class LocalProvider implements AutoCloseable {
  final HttpServer server;
  final String base;
  final HydraTokens tokens;
  final AtomicInteger discoveryFetches = new AtomicInteger();
  final AtomicInteger jwksFetches = new AtomicInteger();

  LocalProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    tokens = new HydraTokens(base);
    String discovery =
        """
        {"issuer":"%1$s","authorization_endpoint":"%1$s/oauth2/auth","token_endpoint":"%1$s/oauth2/token",
         "jwks_uri":"%1$s/.well-known/jwks.json","revocation_endpoint":"%1$s/oauth2/revoke",
         "end_session_endpoint":"%1$s/oauth2/sessions/logout","id_token_signing_alg_values_supported":["RS256"],
         "code_challenge_methods_supported":["S256"]}"""
            .formatted(base);
    String jwks = new JWKSet(tokens.key.toPublicJWK()).toString();
    server.createContext(
        "/.well-known/openid-configuration",
        ex -> {
          discoveryFetches.incrementAndGet();
          reply(ex, discovery);
        });
    server.createContext(
        "/.well-known/jwks.json",
        ex -> {
          jwksFetches.incrementAndGet();
          reply(ex, jwks);
        });
    server.start();
  }

  /** A config for this provider with every other setting at its default. */
  QfAuthConfig.Builder config() {
    return QfAuthConfig.builder()
        .clientId(HydraTokens.CLIENT_ID)
        .clientSecret("bench-secret")
        .authBaseUrl(URI.create(base))
        .apiBaseUrl(URI.create(base))
        .redirectUri(URI.create("http://127.0.0.1:8080/callback"));
  }

  private static void reply(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
