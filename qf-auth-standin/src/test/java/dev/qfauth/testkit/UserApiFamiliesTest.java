package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each User API family of the stand-in by raw HTTP: round trips, scopes, paging, x-timezone. */
final class UserApiFamiliesTest {
  /** 02:00 UTC: still the 9th in New York, already the 10th in Tokyo. */
  private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");

  private static final String ALL =
      "collection bookmark reading_session activity_day goal streak preference note user";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static QfStandIn qf;

  @BeforeAll
  static void start() {
    qf = QfStandIn.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
    qf.confidentialClient("web-app", "s3cret", "http://localhost:8080/callback");
  }

  @AfterAll
  static void stop() {
    qf.close();
  }

  private static String token(String username, String scopes) {
    return qf.issueTokens("web-app", QfTestUser.of(username), scopes.split(" ")).accessToken();
  }

  private static JsonNode ok(HttpResponse<String> response) throws IOException {
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> call(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    return call(method, path, token, body, null);
  }

  private static HttpResponse<String> call(
      String method, String path, String token, String body, String zone)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(qf.apiBaseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("x-client-id", "web-app");
    if (token != null) {
      request.header("x-auth-token", token);
    }
    if (zone != null) {
      request.header("x-timezone", zone);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(
        request
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs {@code body} to {@code path}, which must succeed, and returns the new item's id. */
  private static String created(String path, String token, String body)
      throws IOException, InterruptedException {
    return ok(call("POST", path, token, body)).at("/data/id").asText();
  }

  @Test
  void collections_createRenameFileUnfileDelete() throws Exception {
    String t = token("coll", ALL);
    String id = created("/auth/v1/collections", t, "{\"name\":\"Night\"}");
    ok(call("POST", "/auth/v1/collections/" + id, t, "{\"name\":\"Night prayers\"}"));
    ok(
        call(
            "POST",
            "/auth/v1/collections/" + id + "/bookmarks",
            t,
            "{\"type\":\"ayah\",\"key\":67,\"verseNumber\":1,\"mushafId\":4}"));
    JsonNode got = ok(call("GET", "/auth/v1/collections/" + id + "?first=5", t, null));
    assertEquals("Night prayers", got.at("/data/collection/name").asText());
    assertEquals(67, got.at("/data/bookmarks/0/key").asInt());
    assertEquals(1, ok(call("GET", "/auth/v1/collections/all", t, null)).get("data").size());
    ok(
        call(
            "DELETE",
            "/auth/v1/collections/" + id + "/bookmarks",
            t,
            "{\"key\":67,\"verseNumber\":1}"));
    assertEquals(
        0, ok(call("GET", "/auth/v1/collections/" + id, t, null)).at("/data/bookmarks").size());
    assertEquals(
        "collection deleted",
        ok(call("DELETE", "/auth/v1/collections/" + id, t, null)).at("/data/message").asText());
    assertEquals(404, call("GET", "/auth/v1/collections/" + id, t, null).statusCode());
  }

  @Test
  void bookmarks_saveFindInRangeFavouriteDelete() throws Exception {
    String t = token("bm", ALL);
    String id = created("/auth/v1/bookmarks", t, "{\"type\":\"juz\",\"key\":30,\"mushafId\":4}");
    assertEquals(
        id,
        ok(call("GET", "/auth/v1/bookmarks/bookmark?type=juz&key=30&mushafId=4", t, null))
            .at("/data/id")
            .asText());
    assertEquals(
        1, ok(call("GET", "/auth/v1/bookmarks?type=juz&mushafId=4", t, null)).get("data").size());
    ok(
        call(
            "POST",
            "/auth/v1/collections/__default__/bookmarks",
            t,
            "{\"key\":2,\"verseNumber\":255}"));
    JsonNode range =
        ok(
            call(
                "GET",
                "/auth/v1/bookmarks/ayahs-range?chapterNumber=2&rangeStartAyahNumber=250"
                    + "&rangeEndAyahNumber=260&mushafId=4",
                t,
                null));
    assertTrue(range.at("/data/0/isInDefaultCollection").asBoolean());
    assertEquals(
        "__default__",
        ok(call(
                "GET",
                "/auth/v1/bookmarks/collections?key=2&includeDefault=true&mushafId=4",
                t,
                null))
            .at("/data/0")
            .asText());
    ok(call("DELETE", "/auth/v1/bookmarks/" + id, t, null));
    assertEquals(
        404,
        call("GET", "/auth/v1/bookmarks/bookmark?type=juz&key=30&mushafId=4", t, null)
            .statusCode());
  }

  @Test
  void bookmarks_secondReadingBookmark_replacesTheFirst_andASaveWithoutItUnmarks()
      throws Exception {
    String t = token("reader", ALL);
    String first =
        "{\"type\":\"ayah\",\"key\":1,\"verseNumber\":1,\"mushafId\":4,\"isReading\":true}";
    String second =
        "{\"type\":\"ayah\",\"key\":1,\"verseNumber\":2,\"mushafId\":4,\"isReading\":true}";
    ok(call("POST", "/auth/v1/bookmarks", t, first));
    String id = created("/auth/v1/bookmarks", t, second);

    JsonNode reading = ok(call("GET", "/auth/v1/bookmarks?mushafId=4&isReading=true", t, null));
    assertEquals(1, reading.get("data").size());
    assertEquals(id, reading.at("/data/0/id").asText());
    assertEquals(2, ok(call("GET", "/auth/v1/bookmarks?mushafId=4", t, null)).get("data").size());

    ok(call("POST", "/auth/v1/bookmarks", t, second.replace(",\"isReading\":true", "")));
    assertEquals(
        404,
        call("GET", "/auth/v1/bookmarks/bookmark?isReading=true&mushafId=4", t, null).statusCode());
  }

  @Test
  void favourites_fileGetUnfile_undatedPrivateDefaultCollection_orphanDeleted() throws Exception {
    String t = token("fav", ALL);
    ok(
        call(
            "POST",
            "/auth/v1/collections/__default__/bookmarks",
            t,
            "{\"key\":2,\"verseNumber\":255}"));

    JsonNode data = ok(call("GET", "/auth/v1/collections/__default__", t, null)).get("data");
    JsonNode favourites = data.get("collection");
    assertEquals(
        "{\"id\":\"__default__\",\"name\":\"Favorites\",\"slug\":null,\"isPrivate\":true,"
            + "\"isDefault\":true,\"updatedAt\":null,\"bookmarksCount\":1,\"resourcesCount\":1,"
            + "\"count\":1}",
        favourites.toString());
    String id = data.at("/bookmarks/0/id").asText();
    assertTrue(data.at("/bookmarks/0/isInDefaultCollection").asBoolean());
    assertEquals(0, data.at("/bookmarks/0/collectionsCount").asInt());

    ok(call("DELETE", "/auth/v1/collections/__default__/bookmarks/" + id, t, null));
    assertEquals(
        404,
        call("DELETE", "/auth/v1/collections/__default__/bookmarks/" + id, t, null).statusCode());
    assertEquals(
        404,
        call("GET", "/auth/v1/bookmarks/bookmark?key=2&verseNumber=255&mushafId=4", t, null)
            .statusCode());
    assertEquals(
        0,
        ok(call("GET", "/auth/v1/collections/__default__", t, null))
            .at("/data/collection/count")
            .asInt());
  }

  @Test
  void readingSessions_saveTwiceWithinTwentyMinutes_oneSessionUpdated() throws Exception {
    String t = token("rs", ALL);
    String body = "{\"chapterNumber\":18,\"verseNumber\":10}";
    assertEquals(
        "reading session created",
        ok(call("POST", "/auth/v1/reading-sessions", t, body)).at("/data/message").asText());
    assertEquals(
        "reading session updated",
        ok(call("POST", "/auth/v1/reading-sessions", t, body.replace("10", "11")))
            .at("/data/message")
            .asText());
    JsonNode list = ok(call("GET", "/auth/v1/reading-sessions", t, null));
    assertEquals(1, list.get("data").size());
    assertEquals(11, list.at("/data/0/verseNumber").asInt());
  }

  @Test
  void activityDaysAndStreaks_xTimezone_movesToday() throws Exception {
    String t = token("tz", ALL);
    String body = "{\"type\":\"QURAN\",\"seconds\":60,\"ranges\":[\"1:1-1:7\"],\"mushafId\":4}";
    JsonNode ny = ok(call("POST", "/auth/v1/activity-days", t, body, "America/New_York"));
    JsonNode tokyo = ok(call("POST", "/auth/v1/activity-days", t, body, "Asia/Tokyo"));
    assertEquals("2026-03-09", ny.at("/data/date").asText());
    assertEquals("2026-03-10", tokyo.at("/data/date").asText());
    assertEquals(2, ok(call("GET", "/auth/v1/activity-days", t, null)).get("data").size());
    assertEquals(
        2,
        ok(call("GET", "/auth/v1/streaks/current-streak-days?type=QURAN", t, null, "Asia/Tokyo"))
            .at("/data/days")
            .asInt());
    JsonNode streaks = ok(call("GET", "/auth/v1/streaks?first=20", t, null));
    assertEquals("ACTIVE", streaks.at("/data/0/status").asText());
    assertEquals(
        7 * ActivityDaysApi.SECONDS_PER_VERSE,
        ok(call("GET", "/auth/v1/activity-days/estimate-reading-time?ranges=1:1-1:7", t, null))
            .at("/data/seconds")
            .asInt());
    HttpResponse<String> future =
        call("POST", "/auth/v1/activity-days", t, body.replace("{", "{\"date\":\"2026-03-11\","));
    assertEquals(422, future.statusCode());
  }

  @Test
  void goals_createPlanUpdateEstimateDelete() throws Exception {
    String t = token("goal", ALL);
    String id =
        created(
            "/auth/v1/goals?mushafId=4",
            t,
            "{\"type\":\"QURAN_TIME\",\"amount\":600,\"category\":\"QURAN\"}");
    String plan = "/auth/v1/goals/get-todays-plan?type=QURAN_TIME&mushafId=4";
    JsonNode tokyo = ok(call("GET", plan, t, null, "Asia/Tokyo"));
    assertTrue(tokyo.at("/data/hasGoal").asBoolean());
    assertEquals(id, tokyo.at("/data/goalId").asText());
    assertEquals("2026-03-10", tokyo.at("/data/date").asText());
    assertEquals(
        "2026-03-09", ok(call("GET", plan, t, null, "America/New_York")).at("/data/date").asText());
    ok(call("PUT", "/auth/v1/goals/" + id + "?mushafId=4", t, "{\"amount\":900}"));
    assertEquals(900, ok(call("GET", plan, t, null)).at("/data/dailyTargetSeconds").asInt());
    JsonNode week =
        ok(
            call(
                "GET",
                "/auth/v1/goals/estimate?type=QURAN_PAGES&amount=30&duration=10&mushafId=4",
                t,
                null));
    assertEquals(7, week.at("/data/week").size());
    assertEquals(3, week.at("/data/week/0/amount").asInt());
    ok(call("DELETE", "/auth/v1/goals/" + id + "?category=QURAN", t, null));
    assertFalse(ok(call("GET", plan, t, null)).at("/data/hasGoal").asBoolean());
  }

  @Test
  void preferences_setBulkRead() throws Exception {
    String t = token("pref", ALL);
    ok(
        call(
            "POST",
            "/auth/v1/preferences?mushafId=4",
            t,
            "{\"group\":\"theme\",\"key\":\"type\",\"value\":\"dark\"}"));
    ok(
        call(
            "POST",
            "/auth/v1/preferences/bulk?mushafId=4",
            t,
            "{\"translations\":{\"selectedTranslations\":[131]}}"));
    JsonNode prefs = ok(call("GET", "/auth/v1/preferences", t, null));
    assertEquals("dark", prefs.at("/data/theme/type").asText());
    assertEquals(131, prefs.at("/data/translations/selectedTranslations/0").asInt());
  }

  @Test
  void notes_createFindEditPublishDelete() throws Exception {
    String t = token("note", ALL);
    String id =
        created(
            "/auth/v1/notes",
            t,
            "{\"body\":\"The Throne verse.\",\"saveToQR\":false,\"ranges\":[\"2:255-2:256\"]}");
    assertEquals(
        id, ok(call("GET", "/auth/v1/notes/by-verse/2:256", t, null)).at("/data/0/id").asText());
    assertEquals(
        2,
        ok(call("GET", "/auth/v1/notes/count-within-range?from=2:250&to=2:260", t, null))
            .get("data")
            .size());
    assertEquals(
        1,
        ok(call("GET", "/auth/v1/notes/by-range?from=2:1&to=2:255", t, null)).get("data").size());
    ok(call("PATCH", "/auth/v1/notes/" + id, t, "{\"body\":\"The Throne verse, again.\"}"));
    assertEquals(
        "The Throne verse, again.",
        ok(call("GET", "/auth/v1/notes/" + id, t, null)).at("/data/body").asText());
    assertTrue(
        ok(call("POST", "/auth/v1/notes/" + id + "/publish", t, "{\"body\":\"Published text\"}"))
            .at("/data/success")
            .asBoolean());
    ok(call("DELETE", "/auth/v1/notes/" + id, t, null));
    assertEquals(404, call("GET", "/auth/v1/notes/" + id, t, null).statusCode());
  }

  @Test
  void profile_readReplaceEdit() throws Exception {
    String t = token("prof", ALL);
    String path = "/quran-reflect/v1/users/profile";
    assertEquals("prof", ok(call("GET", path, t, null)).get("username").asText());
    assertEquals(
        "Maryam",
        ok(call("PUT", path, t, "{\"user\":{\"firstName\":\"Maryam\"}}"))
            .get("firstName")
            .asText());
    assertTrue(ok(call("PATCH", path, t, "{\"languageId\":38}")).get("success").asBoolean());
    assertEquals(400, call("PUT", path, t, "{\"user\":{\"firstName\":7}}").statusCode());
  }

  @Test
  void collections_fortyFiveItemsPagesOfTwenty_threePagesEachOnce() throws Exception {
    String t = token("pager", ALL);
    for (int i = 0; i < 45; i++) {
      ok(call("POST", "/auth/v1/collections", t, "{\"name\":\"C" + i + "\"}"));
    }
    Walk forwards = walk(t, "/auth/v1/collections?first=20", "after", "hasNextPage", "endCursor");
    assertEquals(3, forwards.pages());
    assertEquals(45, forwards.distinct().size(), "each once");
    assertEquals(45, forwards.ids().size(), "none twice");

    Walk backwards =
        walk(t, "/auth/v1/collections?last=20", "before", "hasPreviousPage", "startCursor");
    assertEquals(3, backwards.pages());
    assertEquals(45, backwards.ids().size(), "none twice");
    assertEquals(forwards.distinct(), backwards.distinct());
  }

  @Test
  void notes_fortyFiveNotesLimitTwenty_threePagesEachOnce() throws Exception {
    String t = token("notepager", ALL);
    for (int i = 0; i < 45; i++) {
      ok(
          call(
              "POST",
              "/auth/v1/notes",
              t,
              "{\"body\":\"Note number " + i + "\",\"saveToQR\":false}"));
    }
    Walk walk = walk(t, "/auth/v1/notes?limit=20", "cursor", "hasNextPage", "endCursor");
    assertEquals(3, walk.pages());
    assertEquals(45, walk.distinct().size(), "each once");
    assertEquals(45, walk.ids().size(), "none twice");
  }

  /** The ids of every page of one walk, in the order read, and how many pages it took. */
  private record Walk(int pages, List<String> ids) {
    Set<String> distinct() {
      return new HashSet<>(ids);
    }
  }

  /**
   * Reads {@code path} page by page: the next page adds {@code cursorParameter} with the page's
   * {@code pagination.cursorField} for as long as its {@code pagination.more} is true.
   */
  private static Walk walk(
      String token, String path, String cursorParameter, String more, String cursorField)
      throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String query = cursor == null ? "" : "&" + cursorParameter + "=" + cursor;
      JsonNode page = ok(call("GET", path + query, token, null));
      page.get("data").forEach(item -> ids.add(item.get("id").asText()));
      cursor =
          page.at("/pagination/" + more).asBoolean()
              ? page.at("/pagination/" + cursorField).asText()
              : null;
      pages++;
    } while (cursor != null);
    return new Walk(pages, ids);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/auth/v1/notes|note.read",
        "POST|/auth/v1/goals?mushafId=4|goal.create",
        "GET|/auth/v1/streaks|streak.read",
        "GET|/auth/v1/preferences|preference.read",
        "GET|/auth/v1/reading-sessions|reading_session.read",
        "GET|/auth/v1/activity-days|activity_day.read",
        "GET|/quran-reflect/v1/users/profile|user.profile.read"
      })
  void scopes_tokenWithoutTheFamily_403_noToken_401(String method, String path, String scope)
      throws Exception {
    String other = scope.startsWith("collection") ? "bookmark" : "collection";
    String body = method.equals("GET") ? null : "{}";
    HttpResponse<String> forbidden = call(method, path, token("scoped", other), body);
    assertEquals(403, forbidden.statusCode());
    assertEquals("insufficient_scope", JSON.readTree(forbidden.body()).get("type").asText());
    HttpResponse<String> anonymous = call(method, path, null, body);
    assertEquals(401, anonymous.statusCode());
    assertEquals("unauthorized", JSON.readTree(anonymous.body()).get("type").asText());
    assertEquals(
        200,
        call(
                method.equals("GET") ? method : "GET",
                "/auth/v1/collections",
                token("scoped2", scope + " collection.read"),
                null)
            .statusCode());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POST|/auth/v1/notes|{\"body\":\"\",\"saveToQR\":false}|422",
        "POST|/auth/v1/notes|{\"body\":\"long enough\"}|422",
        "POST|/auth/v1/collections|{\"name\":\"x\",\"extra\":1}|422",
        "POST|/auth/v1/bookmarks|{\"type\":\"ayah\",\"key\":1,\"verseNumber\":8}|422",
        "POST|/auth/v1/reading-sessions|not json|400",
        "POST|/auth/v1/goals?mushafId=4|{\"type\":\"QURAN_RANGE\",\"amount\":5,\"category\":\"QURAN\"}|422",
        "POST|/auth/v1/goals?mushafId=9|{\"type\":\"QURAN_TIME\",\"amount\":5,\"category\":\"QURAN\"}|422",
        "POST|/auth/v1/activity-days|{\"type\":\"QURAN\",\"seconds\":0,\"ranges\":[],\"mushafId\":4}|422",
        "POST|/auth/v1/preferences?mushafId=4|{\"group\":\"colour\",\"key\":\"a\",\"value\":1}|422",
        "POST|/auth/v1/preferences?mushafId=4|{\"group\":\"theme\",\"key\":\"font\",\"value\":1}|422",
        "POST|/auth/v1/preferences/bulk?mushafId=4|{\"theme\":{\"colour\":\"red\"}}|422",
        "GET|/auth/v1/goals/estimate?type=QURAN_TIME&amount=99999999999&mushafId=4|null|422",
        "GET|/auth/v1/bookmarks/ayahs-range?chapterNumber=2&rangeStartAyahNumber=9|null|422",
        "GET|/auth/v1/notes?limit=51|null|422"
      })
  void invalidInput_qfErrorShape(String method, String path, String body, int status)
      throws Exception {
    HttpResponse<String> response =
        call(method, path, token("strict", ALL), body.equals("null") ? null : body);
    assertEquals(status, response.statusCode(), response.body());
    JsonNode error = JSON.readTree(response.body());
    assertFalse(error.get("success").asBoolean());
    assertEquals(
        status == 400 ? "invalid_request" : "unprocessable_entity", error.get("type").asText());
    assertFalse(error.get("message").asText().isBlank());
  }

  @Test
  void demoData_aliceHasAStreakAGoalAReadingSessionAndANote() throws Exception {
    qf.seedDemoData();
    String t = qf.issueTokens("web-app", QfTestUser.ALICE, ALL.split(" ")).accessToken();

    assertEquals(
        3,
        ok(call("GET", "/auth/v1/streaks/current-streak-days?type=QURAN", t, null))
            .at("/data/days")
            .asInt());
    assertTrue(
        ok(call("GET", "/auth/v1/goals/get-todays-plan?type=QURAN_TIME&mushafId=4", t, null))
            .at("/data/hasGoal")
            .asBoolean());
    assertEquals(1, ok(call("GET", "/auth/v1/notes", t, null)).get("data").size());
    assertEquals(1, ok(call("GET", "/auth/v1/reading-sessions", t, null)).get("data").size());
    assertEquals(
        "sepia", ok(call("GET", "/auth/v1/preferences", t, null)).at("/data/theme/type").asText());
  }

  @Test
  void profile_unknownFields_ignoredAsTheSchemaAllows() throws Exception {
    String t = token("prof2", ALL);
    String path = "/quran-reflect/v1/users/profile";
    assertTrue(ok(call("PATCH", path, t, "{\"somethingNew\":1}")).get("success").asBoolean());
    assertEquals(400, call("PATCH", path, t, "{\"customized\":\"yes\"}").statusCode());
  }
}
