package dev.qfauth.sample;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A WireMock stand-in for Quran.Foundation's authorization server that serves only the discovery
 * document: enough for the filter to start and for {@code /login} to redirect. Tests that need more
 * (tokens, keys, User APIs) add stubs through {@link #wireMock()}.
 */
final class StubProvider implements AutoCloseable {
  private final WireMockServer server;

  StubProvider() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    String base = baseUrl();
    server.stubFor(
        get("/.well-known/openid-configuration")
            .willReturn(
                okJson(
                    """
                    {"issuer": "%1$s",
                     "authorization_endpoint": "%1$s/oauth2/auth",
                     "token_endpoint": "%1$s/oauth2/token",
                     "jwks_uri": "%1$s/.well-known/jwks.json",
                     "revocation_endpoint": "%1$s/oauth2/revoke",
                     "id_token_signing_alg_values_supported": ["RS256"]}
                    """
                        .formatted(base))));
  }

  /**
   * The value for {@code QF_AUTH_BASE_URL} (and, where a test stubs APIs, {@code QF_API_BASE_URL}).
   */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  WireMockServer wireMock() {
    return server;
  }

  @Override
  public void close() {
    server.stop();
  }
}
