package dev.qfauth;

import dev.qfauth.testkit.QfIssuedTokens;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestClient;
import dev.qfauth.testkit.QfTestUser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A signed-in user's {@link QfApiClient} against a running {@link QfStandIn}, without a container:
 * the stand-in mints real tokens for the user ({@link QfStandIn#issueTokens}) and the SDK calls its
 * User API. For round trips of the typed SDK (dev.qfauth.api tests); {@link ApiHarness} is the
 * WireMock twin for exact wire checks. One per test; close it.
 */
public final class StandInApiHarness implements AutoCloseable {
  public static final String CLIENT_ID = "sdk-round-trip";

  /** Every scope family of the User APIs. */
  public static final String EVERY_SCOPE =
      "openid offline_access bookmark collection reading_session activity_day goal streak"
          + " preference note user";

  public final QfStandIn qf;
  private final FilterParts parts;
  private final QfApiClient api;

  private StandInApiHarness(QfTestUser user, String scopes) {
    this.qf = QfStandIn.start();
    qf.client(
        QfTestClient.confidential(CLIENT_ID, "round-trip-secret")
            .redirectUris("http://127.0.0.1:1/callback")
            .build());
    QfIssuedTokens tokens = qf.issueTokens(CLIENT_ID, user, scopes.split(" "));
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId(CLIENT_ID)
            .authBaseUrl(qf.authBaseUrl())
            .apiBaseUrl(qf.apiBaseUrl())
            .redirectUri(URI.create("http://127.0.0.1:1/callback"))
            .requestTimeout(Duration.ofSeconds(10))
            .build();
    this.parts = FilterParts.of(config);
    this.api =
        ApiHarness.signedIn(
            parts,
            TestSession.builder()
                .sub(user.sub())
                .accessToken(tokens.accessToken())
                .expiresAt(Instant.now().plus(tokens.expiresIn()))
                .scopes(Set.copyOf(tokens.scopes()))
                .build());
  }

  /** {@code user} signed in having granted {@code scopes} (space-separated) minus withheld ones. */
  public static StandInApiHarness signedIn(QfTestUser user, String scopes) {
    return new StandInApiHarness(user, scopes);
  }

  /** Alice, who granted every scope family. */
  public static StandInApiHarness alice() {
    return signedIn(QfTestUser.ALICE, EVERY_SCOPE);
  }

  public QfApiClient api() {
    return api;
  }

  @Override
  public void close() {
    parts.close();
    qf.close();
  }
}
