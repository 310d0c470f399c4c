package dev.qfauth;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * What the tests that drive a {@link Refresher} directly share: a {@link FakeQf} token endpoint
 * that rotates at-1/rt-1 into {@link #ROTATED}, a confidential client of it, and a refresher wired
 * as {@link FilterParts} wires one.
 */
final class RefresherParts {
  /** What the token endpoint answers unless a test swaps it: at-2 and rt-2, live an hour. */
  static final String ROTATED =
      "{\"access_token\":\"at-2\",\"token_type\":\"bearer\",\"expires_in\":3600,"
          + "\"refresh_token\":\"rt-2\",\"scope\":\"openid offline_access\"}";

  private RefresherParts() {}

  /**
   * {@code server} as each test starts: discovery and the ID-token key served, {@link #ROTATED}
   * answered at once, no request counted yet.
   */
  static void resetProvider(FakeQf server) {
    server.discovery(server.discoveryFor(server.base(), List.of("RS256")));
    server.jwks(new JWKSet(TestKeys.ID_TOKEN.toPublicJWK()).toString());
    server.jwksStatus(200);
    server.tokenResponse(200, ROTATED);
    server.tokenDelay(0);
    server.resetHits();
  }

  /** A confidential client of {@code server} whose time is {@code clock}. */
  static QfAuthConfig.Builder config(FakeQf server, Clock clock) {
    return QfAuthConfig.builder()
        .clientId("qf-client")
        .clientSecret("client-secret")
        .redirectUri(URI.create("https://app.example/callback"))
        .authBaseUrl(server.baseUri())
        .clock(clock);
  }

  /** A refresher as the filter wires one (no post-logout redirect: ID tokens are not kept). */
  static Refresher refresher(
      QfAuthConfig config, SessionStore store, HttpCalls http, OpsMetrics metrics) {
    Provider provider = new Provider(config, http);
    return new Refresher(
        config,
        store,
        new TokenEndpoint(config, provider, http),
        new IdTokenVerifier(provider, config),
        new Sessions(config.clock(), false),
        metrics);
  }

  /** The session a refresh starts from: at-1 and rt-1 with 30 s left on {@code clock}. */
  static QfSession original(Clock clock) {
    return session(clock, "1", 30);
  }

  /**
   * A session with tokens {@code at-<tokens>} and {@code rt-<tokens>}, live for {@code seconds}
   * more on {@code clock}.
   */
  static QfSession session(Clock clock, String tokens, long seconds) {
    return TestSession.builder()
        .accessToken("at-" + tokens)
        .expiresAt(clock.instant().plusSeconds(seconds))
        .refreshToken("rt-" + tokens)
        .scopes("openid", "offline_access")
        .build();
  }
}
