package dev.qfauth;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A signed-in user's {@link QfApiClient} against a WireMock API gateway, without a container: for
 * exact wire checks of the User API SDK (dev.qfauth.api tests). One per test; close it.
 */
public final class ApiHarness implements AutoCloseable {
  public static final String CLIENT_ID = "sdk-client";
  public static final String ACCESS_TOKEN = "at-sdk-0123456789";

  public final WireMockServer server;
  private final FilterParts parts;
  private final QfApiClient api;

  private ApiHarness(String scopes, ZoneId configuredZone) {
    this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.port());
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId(CLIENT_ID)
            .authBaseUrl(base)
            .apiBaseUrl(base)
            .redirectUri(URI.create("http://127.0.0.1:1/callback"))
            .requestTimeout(Duration.ofSeconds(5))
            .apiTimeZone(configuredZone)
            .build();
    this.parts = FilterParts.of(config);
    this.api =
        signedIn(
            parts,
            TestSession.builder()
                .accessToken(ACCESS_TOKEN)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .scopes(scopes.split(" "))
                .build());
  }

  /**
   * {@code session} stored as a signed-in user's, and the {@link QfApiClient} that user's requests
   * get; shared with {@link StandInApiHarness}.
   */
  static QfApiClient signedIn(FilterParts parts, QfSession session) {
    QfEnvironment environment = parts.config().environment();
    parts.store().put(environment, "handle-1", session);
    return new QfUserContext(environment, session, parts.apiClients(), "handle-1").api();
  }

  /** A user who granted {@code scopes} (space-separated); no {@code QF_API_TIME_ZONE}. */
  public static ApiHarness granted(String scopes) {
    return new ApiHarness(scopes, null);
  }

  /** A user who granted {@code scopes}, with {@code QF_API_TIME_ZONE=zone}. */
  public static ApiHarness granted(String scopes, ZoneId zone) {
    return new ApiHarness(scopes, zone);
  }

  /** Every scope family of the User APIs. */
  public static ApiHarness everything() {
    return granted(
        "openid offline_access bookmark collection reading_session activity_day goal streak"
            + " preference note user");
  }

  public QfApiClient api() {
    return api;
  }

  @Override
  public void close() {
    server.stop();
    parts.close();
  }
}
