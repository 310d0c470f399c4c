package dev.qfauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The authenticated User API client: headers, refresh once on 401, no loops, typed 403. */
final class UserApiTest {
  private static final String COLLECTIONS = "/auth/v1/collections";
  private static final String PAGE =
      "{\"success\":true,\"data\":[{\"id\":\"c1\",\"name\":\"Favourites\"}],"
          + "\"pagination\":{\"endCursor\":\"c1\",\"hasNextPage\":false}}";
  private static final String UNAUTHORIZED =
      "{\"message\":\"Unauthorized\",\"type\":\"unauthorized\",\"success\":false}";

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void apiCallsCarryTokenAndClientId(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
      f.qf.onApi(
          get(urlPathEqualTo(COLLECTIONS))
              .withHeader("x-auth-token", equalTo("at-1-alice"))
              .withHeader("x-client-id", equalTo(FakeQf.CLIENT_ID))
              .willReturn(okJson(PAGE)));
      Browser browser = new Browser();
      f.signIn(browser, "alice");
      HttpResponse<String> response = browser.get(f.url("/collections"));
      assertEquals(200, response.statusCode(), response.body());
      assertTrue(response.body().contains("Favourites"));
      assertEquals(0, f.qf.tokenRequests("refresh_token").size());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void unauthorizedThenRefreshThenRetrySucceeds(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
      collectionsFor(f, "at-1-alice", aResponse().withStatus(401).withBody(UNAUTHORIZED));
      collectionsFor(f, "at-2", okJson(PAGE));
      Browser browser = new Browser();
      f.signIn(browser, "alice");
      f.refreshAnswers("at-2", "rt-2", null, Fixture.SCOPE);

      HttpResponse<String> response = browser.get(f.url("/collections"));
      assertEquals(200, response.statusCode(), response.body());
      assertEquals(1, f.qf.tokenRequests("refresh_token").size());
      Map<String, String> form =
          FakeQf.form(f.qf.tokenRequests("refresh_token").get(0).getBodyAsString());
      assertEquals("rt-1-alice", form.get("refresh_token"));

      // The rotated refresh token replaced the old one: the next refresh sends rt-2.
      f.qf.with(s -> s.resetRequests());
      collectionsFor(f, "at-2", aResponse().withStatus(401).withBody(UNAUTHORIZED));
      collectionsFor(f, "at-3", okJson(PAGE));
      f.refreshAnswers("at-3", "rt-3", null, Fixture.SCOPE);
      assertEquals(200, browser.get(f.url("/collections")).statusCode());
      assertEquals(
          "rt-2",
          FakeQf.form(f.qf.tokenRequests("refresh_token").get(0).getBodyAsString())
              .get("refresh_token"));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void unauthorizedTwiceSurfacesWithoutLooping(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
      Browser browser = signedInButUnauthorized(f);
      f.refreshAnswers("at-2", "rt-2", null, Fixture.SCOPE);
      HttpResponse<String> response = browser.get(f.url("/collections"));
      assertEquals(401, response.statusCode());
      assertTrue(response.body().startsWith("API_UNAUTHORIZED 401 unauthorized"), response.body());
      assertEquals(1, f.qf.tokenRequests("refresh_token").size());
      f.qf.with(s -> s.verify(2, getRequestedFor(urlPathEqualTo(COLLECTIONS))));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void refreshRejectedEndsTheSession(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
      Browser browser = signedInButUnauthorized(f);
      f.qf.onRefresh(
          aResponse()
              .withStatus(400)
              .withHeader("Content-Type", "application/json")
              .withBody(
                  "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token was already used.\"}"));
      HttpResponse<String> response = browser.get(f.url("/collections"));
      assertEquals(401, response.statusCode());
      assertTrue(response.body().contains("invalid_grant"), response.body());
      // invalid_grant: the chain is revoked at QF, so the session is gone and the user signs in
      // again.
      assertEquals(302, browser.get(f.url("/private/page")).statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void refreshNetworkFailureKeepsTheSession(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind, b -> b.requestTimeout(Duration.ofMillis(500)))) {
      Browser browser = signedInButUnauthorized(f);
      f.qf.onRefresh(aResponse().withStatus(503).withBody("upstream down"));
      HttpResponse<String> response = browser.get(f.url("/collections"));
      assertEquals(401, response.statusCode());
      assertTrue(response.body().contains("Failed to refresh access token"), response.body());
      assertEquals(200, browser.get(f.url("/private/page")).statusCode(), "session kept");
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void forbiddenSurfacesAsAScopeError(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
      f.qf.onApi(
          COLLECTIONS,
          aResponse()
              .withStatus(403)
              .withBody(
                  "{\"message\":\"The access token does not have the required scopes\",\"type\":\"insufficient_scope\",\"success\":false}"));
      Browser browser = new Browser();
      f.signIn(browser, "alice");
      HttpResponse<String> response = browser.get(f.url("/collections"));
      assertEquals(403, response.statusCode());
      assertTrue(
          response.body().startsWith("API_FORBIDDEN 403 insufficient_scope"), response.body());
      assertTrue(response.body().contains("required scopes"), response.body());
      assertEquals(0, f.qf.tokenRequests("refresh_token").size(), "403 never triggers a refresh");
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void expiredAccessTokenIsRefreshedBeforeTheRequest(Containers.Kind kind) throws Exception {
    try (Fixture f = Fixture.onClock(kind)) {
      Browser browser = new Browser();
      f.signInDueForRefresh(browser, "at-1", "rt-1", c -> c);
      f.refreshAnswers(
          "at-2",
          "rt-2",
          f.qf.claims("alice", null).claim("name", "Alice Renamed"),
          "openid offline_access user");
      String whoami = browser.get(f.url("/whoami")).body();
      assertTrue(
          whoami.contains("name=Alice Renamed"), "claims follow the refreshed ID token: " + whoami);
      assertTrue(whoami.contains("scopes=[offline_access, openid, user]"), whoami);
      assertEquals(1, f.qf.tokenRequests("refresh_token").size());
      browser.get(f.url("/whoami"));
      assertEquals(1, f.qf.tokenRequests("refresh_token").size(), "fresh token: no second refresh");
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void refreshedIdTokenForAnotherUserIsRefused(Containers.Kind kind) throws Exception {
    try (Fixture f = Fixture.onClock(kind)) {
      Browser browser = new Browser();
      f.signInDueForRefresh(browser, "at-1", "rt-1", c -> c);
      f.refreshAnswers("at-2", "rt-2", f.qf.claims("mallory", null), Fixture.SCOPE);
      f.qf.onApi(COLLECTIONS, okJson(PAGE));
      // The spent refresh token cannot be reused and the new tokens are untrustworthy: the session
      // ends and the user signs in again.
      HttpResponse<String> response = browser.get(f.url("/collections"));
      assertEquals(302, response.statusCode(), response.body());
      assertEquals("anonymous", browser.get(f.url("/whoami")).body());
      assertEquals(
          1, f.qf.tokenRequests("refresh_token").size(), "the spent refresh token is never resent");
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void refreshedIdTokenWithAnotherAuthTimeIsRefused(Containers.Kind kind) throws Exception {
    try (Fixture f = Fixture.onClock(kind)) {
      Browser browser = new Browser();
      // OIDC Core 12.2: a refreshed ID token keeps the original authentication's auth_time.
      assertEquals(302, pageAfterRefresh(f, browser, "1", 1_700_009_999L));
      assertEquals("anonymous", browser.get(f.url("/whoami")).body());

      assertEquals(
          200,
          pageAfterRefresh(f, browser, "2", 1_700_000_000L),
          "same auth_time: refresh accepted");
    }
  }

  /**
   * Signs alice in with auth_time 1700000000, due for a refresh whose ID token says {@code
   * refreshedAuthTime}; returns the status of the protected page that refreshes.
   */
  private static int pageAfterRefresh(
      Fixture f, Browser browser, String round, long refreshedAuthTime) {
    f.signInDueForRefresh(
        browser, "at-" + round, "rt-" + round, c -> c.claim("auth_time", 1_700_000_000L));
    f.refreshAnswers(
        "at-" + round + "-refreshed",
        "rt-" + round + "-refreshed",
        f.qf.claims("alice", null).claim("auth_time", refreshedAuthTime),
        Fixture.SCOPE);
    return browser.get(f.url("/private/page")).statusCode();
  }

  /**
   * The collections endpoint answers requests that carry {@code accessToken} with {@code answer}.
   */
  private static void collectionsFor(
      Fixture f, String accessToken, ResponseDefinitionBuilder answer) {
    f.qf.onApi(
        get(urlPathEqualTo(COLLECTIONS))
            .withHeader("x-auth-token", equalTo(accessToken))
            .willReturn(answer));
  }

  /** A browser signed in as alice, whose every User API call QF answers 401. */
  private static Browser signedInButUnauthorized(Fixture f) {
    f.qf.onApi(COLLECTIONS, aResponse().withStatus(401).withBody(UNAUTHORIZED));
    Browser browser = new Browser();
    f.signIn(browser, "alice");
    return browser;
  }
}
