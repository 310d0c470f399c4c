package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class UserApiTest {
  static final String CALLBACK = "http://localhost:8080/callback";

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> {
            qf.confidentialClient("web-app", "s3cret", CALLBACK)
                .confidentialClient("other-app", "other", CALLBACK)
                .seedDemoData()
                .user(QfTestUser.builder("hafsa").name("Hafsa").build());
            for (int i = 1; i <= 25; i++) {
              qf.addCollection("hafsa", "Collection " + i, "2:" + i);
            }
          });

  static String aliceToken;
  private final FlowDriver web = new FlowDriver(QF.standIn(), "web-app", CALLBACK);

  @BeforeAll
  static void signIn() {
    aliceToken =
        new FlowDriver(QF.standIn(), "web-app", CALLBACK)
            .login("alice", "openid offline_access collection bookmark", "s3cret")
            .get("access_token")
            .asText();
  }

  @Test
  void collections_validToken_realResponseShape() {
    HttpResponse<String> response =
        web.api("GET", "/auth/v1/collections?first=1", aliceToken, null);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = FlowDriver.json(response);
    assertTrue(body.get("success").asBoolean());
    JsonNode first = body.get("data").get(0);
    for (String field :
        List.of("id", "name", "slug", "isPrivate", "isDefault", "updatedAt", "bookmarksCount")) {
      assertTrue(first.has(field), field);
    }
    JsonNode pagination = body.get("pagination");
    assertEquals(first.get("id").asText(), pagination.get("startCursor").asText());
    assertTrue(pagination.get("hasNextPage").asBoolean());
    assertFalse(pagination.get("hasPreviousPage").asBoolean());
    assertEquals(
        "s3cret".length() > 0,
        QF.standIn().lastApiRequest().orElseThrow().header("x-client-id").isPresent());
    assertEquals(1, QF.standIn().apiCalls());
  }

  @Test
  void collections_pagedWithFirstAndAfter_visitsEveryItemOnce() {
    String token =
        web.login("hafsa", "openid collection.read", "s3cret").get("access_token").asText();
    List<String> names = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      String query = "?first=10" + (after == null ? "" : "&after=" + after);
      JsonNode body = FlowDriver.json(web.api("GET", "/auth/v1/collections" + query, token, null));
      body.get("data").forEach(c -> names.add(c.get("name").asText()));
      after =
          body.get("pagination").get("hasNextPage").asBoolean()
              ? body.get("pagination").get("endCursor").asText()
              : null;
      pages++;
    } while (after != null);

    assertEquals(3, pages);
    assertEquals(25, names.size());
    assertEquals("Collection 25", names.get(0), "most recently updated first");
    assertEquals(25, names.stream().distinct().count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"first=0", "first=21", "first=abc", "first=5&before=x", "after=nope"})
  void collections_badPaging_unprocessable(String query) {
    HttpResponse<String> response =
        web.api("GET", "/auth/v1/collections?" + query, aliceToken, null);
    assertEquals(422, response.statusCode());
    assertEquals("unprocessable_entity", FlowDriver.json(response).get("type").asText());
  }

  @Test
  void api_withoutToken_unauthorized() {
    HttpResponse<String> response = web.api("GET", "/auth/v1/collections", null, null);
    assertUnauthorized(response);
  }

  @Test
  void api_unknownToken_unauthorized() {
    assertUnauthorized(web.api("GET", "/auth/v1/collections", "ory_at_forged", null));
  }

  @Test
  void api_tokenOfAnotherStandIn_unauthorized() {
    try (QfStandIn other = QfStandIn.start()) {
      other.confidentialClient("web-app", "s3cret", CALLBACK).user(QfTestUser.ALICE);
      String foreign =
          new FlowDriver(other, "web-app", CALLBACK)
              .login("alice", "openid collection", "s3cret")
              .get("access_token")
              .asText();
      assertUnauthorized(web.api("GET", "/auth/v1/collections", foreign, null));
    }
  }

  @Test
  void api_expiredByControl_unauthorizedWhileRefreshStillWorks() {
    JsonNode tokens = web.login("bilal", "openid offline_access collection", "s3cret");
    QF.standIn().expireAccessTokens("bilal");
    assertUnauthorized(
        web.api("GET", "/auth/v1/collections", tokens.get("access_token").asText(), null));
    assertEquals(200, web.refresh(tokens.get("refresh_token").asText(), "s3cret").statusCode());
  }

  @Test
  void api_zeroLifetime_tokenExpiredAtOnce() {
    QF.standIn().accessTokenLifetime(Duration.ZERO);
    JsonNode tokens = web.login("bilal", "openid collection", "s3cret");
    assertEquals(0, tokens.get("expires_in").asInt());
    assertUnauthorized(
        web.api("GET", "/auth/v1/collections", tokens.get("access_token").asText(), null));
  }

  @Test
  void api_clockPastExpiry_unauthorized() {
    String token = web.login("bilal", "openid collection", "s3cret").get("access_token").asText();
    QF.standIn().advanceClock(Duration.ofMinutes(61));
    assertUnauthorized(web.api("GET", "/auth/v1/collections", token, null));
  }

  @Test
  void api_clientIdOfAnotherClient_forbidden() {
    FlowDriver other = new FlowDriver(QF.standIn(), "other-app", CALLBACK);
    HttpResponse<String> response = other.api("GET", "/auth/v1/collections", aliceToken, null);
    assertEquals(403, response.statusCode());
    assertEquals("forbidden", FlowDriver.json(response).get("type").asText());
  }

  @Test
  void api_tokenWithoutScope_insufficientScope() {
    String token = web.login("alice", "openid bookmark", "s3cret").get("access_token").asText();

    HttpResponse<String> response = web.api("GET", "/auth/v1/collections", token, null);

    assertEquals(403, response.statusCode());
    assertEquals(
        "{\"message\":\"The access token does not have the required"
            + " scopes\",\"type\":\"insufficient_scope\",\"success\":false}",
        response.body());
  }

  @Test
  void api_childScopeRead_allowsReadNotCreate() {
    String token =
        web.login("alice", "openid collection.read", "s3cret").get("access_token").asText();
    assertEquals(200, web.api("GET", "/auth/v1/collections", token, null).statusCode());
    assertEquals(
        403, web.api("POST", "/auth/v1/collections", token, "{\"name\":\"x\"}").statusCode());
  }

  @Test
  void collections_created_listedFirstAndFetchableWithBookmarks() {
    HttpResponse<String> created =
        web.api("POST", "/auth/v1/collections", aliceToken, "{\"name\":\"Night prayers\"}");
    assertEquals(200, created.statusCode(), created.body());
    String id = FlowDriver.json(created).get("data").get("id").asText();
    assertEquals("Night prayers", QF.standIn().collectionNames("alice").get(0));

    JsonNode seeded =
        FlowDriver.json(
            web.api("GET", "/auth/v1/collections?sortBy=alphabetical", aliceToken, null));
    String adhkar = null;
    for (JsonNode c : seeded.get("data")) {
      if (c.get("name").asText().equals("Morning adhkar")) {
        adhkar = c.get("id").asText();
      }
    }
    JsonNode one =
        FlowDriver.json(
            web.api("GET", "/auth/v1/collections/" + adhkar + "?first=2", aliceToken, null));
    assertEquals("Morning adhkar", one.get("data").get("collection").get("name").asText());
    assertEquals(2, one.get("data").get("bookmarks").size());
    assertTrue(one.get("pagination").get("hasNextPage").asBoolean());
    assertEquals(
        404, web.api("GET", "/auth/v1/collections/" + id + "x", aliceToken, null).statusCode());
  }

  @Test
  void collections_createWithoutName_unprocessable() {
    assertEquals(422, web.api("POST", "/auth/v1/collections", aliceToken, "{}").statusCode());
    assertEquals(400, web.api("POST", "/auth/v1/collections", aliceToken, "not json").statusCode());
  }

  @Test
  void bookmarks_addListDelete_roundTrip() {
    HttpResponse<String> added =
        web.api(
            "POST",
            "/auth/v1/bookmarks",
            aliceToken,
            "{\"type\":\"ayah\",\"key\":36,\"verseNumber\":58,\"mushafId\":4,\"isReading\":true}");
    assertEquals(200, added.statusCode(), added.body());
    String id = FlowDriver.json(added).get("data").get("id").asText();

    JsonNode reading =
        FlowDriver.json(
            web.api("GET", "/auth/v1/bookmarks?mushafId=4&isReading=true", aliceToken, null));
    assertEquals(1, reading.get("data").size());
    assertEquals(id, reading.get("data").get(0).get("id").asText());

    HttpResponse<String> deleted = web.api("DELETE", "/auth/v1/bookmarks/" + id, aliceToken, null);
    assertEquals("{\"success\":true,\"data\":{\"message\":\"bookmark deleted\"}}", deleted.body());
    assertEquals(404, web.api("DELETE", "/auth/v1/bookmarks/" + id, aliceToken, null).statusCode());
  }

  @Test
  void bookmarks_listWithoutMushafId_unprocessable() {
    assertEquals(422, web.api("GET", "/auth/v1/bookmarks", aliceToken, null).statusCode());
  }

  @Test
  void api_unknownPath_notFoundShape() {
    HttpResponse<String> response = web.api("GET", "/auth/v1/goals", aliceToken, null);
    assertEquals(404, response.statusCode());
    assertEquals("not_found", FlowDriver.json(response).get("type").asText());
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertEquals(401, response.statusCode(), response.body());
    JsonNode body = FlowDriver.json(response);
    assertEquals("unauthorized", body.get("type").asText());
    assertFalse(body.get("success").asBoolean());
    assertTrue(body.get("message").isTextual());
  }
}
