package dev.qfauth.bench;

import com.nimbusds.oauth2.sdk.TokenRequest;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The provider both secured set-ups sign in against: mock-oauth2-server on loopback, logging users
 * in without a form, issuing RS256 ID tokens with QF's claim set. Every request it serves is
 * recorded, so a run can prove how many calls (refreshes, JWKS fetches) reached it.
 */
final class StandIn implements AutoCloseable {
  static final String ISSUER_ID = "qf";
  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-secret";

  private final MockOAuth2Server server;
  private final MockWebServerWrapper http = new MockWebServerWrapper();

  /** What reached the provider since the last {@link #drain()}. */
  record Calls(
      int total, int discovery, int jwks, int authorize, int codeGrants, int refreshGrants) {
    @Override
    public String toString() {
      return "total="
          + total
          + " discovery="
          + discovery
          + " jwks="
          + jwks
          + " authorize="
          + authorize
          + " code="
          + codeGrants
          + " refresh="
          + refreshGrants;
    }
  }

  StandIn() {
    OAuth2Config config =
        new OAuth2Config(
            false,
            null,
            null,
            true,
            new no.nav.security.mock.oauth2.token.OAuth2TokenProvider(),
            Set.of(new QfClaims()),
            http);
    this.server = new MockOAuth2Server(config);
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /**
   * The issuer, which is also QF_AUTH_BASE_URL: discovery sits at {@code issuer/.well-known/...}.
   */
  String issuer() {
    // The issuer follows the Host header; loopback by address, never a name that may resolve to
    // ::1.
    return "http://127.0.0.1:" + server.baseUrl().port() + "/" + ISSUER_ID;
  }

  /** Takes every recorded request and classifies it. */
  Calls drain() {
    try {
      return drainRecorded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Calls drainRecorded() throws InterruptedException {
    int total = 0, discovery = 0, jwks = 0, authorize = 0, code = 0, refresh = 0;
    RecordedRequest r;
    while ((r = http.getMockWebServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      total++;
      String path = r.getPath() == null ? "" : r.getPath();
      if (path.contains("/.well-known/openid-configuration")) {
        discovery++;
      } else if (path.endsWith("/jwks")) {
        jwks++;
      } else if (path.contains("/authorize")) {
        authorize++;
      } else if (path.endsWith("/token")) {
        String body = r.getBody().readUtf8();
        if (body.contains("grant_type=refresh_token")) {
          refresh++;
        } else if (body.contains("grant_type=authorization_code")) {
          code++;
        }
      }
    }
    return new Calls(total, discovery, jwks, authorize, code, refresh);
  }

  @Override
  public void close() {
    server.shutdown();
  }

  /** The claims QF's Hydra puts in an ID token besides the protocol ones. */
  private static final class QfClaims implements OAuth2TokenCallback {
    private final String subject = UUID.randomUUID().toString();

    @Override
    public String issuerId() {
      return ISSUER_ID;
    }

    @Override
    public String subject(TokenRequest request) {
      return subject;
    }

    @Override
    public String typeHeader(TokenRequest request) {
      return "JWT";
    }

    @Override
    public List<String> audience(TokenRequest request) {
      return List.of(CLIENT_ID);
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("sid", UUID.randomUUID().toString());
      claims.put("email", "amina.rahman@example.org");
      claims.put("first_name", "Amina");
      claims.put("last_name", "Rahman");
      claims.put("name", "Amina Rahman");
      return claims;
    }

    @Override
    public long tokenExpiry() {
      return 3600;
    }
  }
}
