package dev.qfauth.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.qfauth.ApiHarness;
import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiException;
import dev.qfauth.QfApiRequest;
import dev.qfauth.QfErrorCode;
import dev.qfauth.QfPage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Retries, scopes, error codes, input checks and paging of the User API SDK. */
final class UserApiBehaviourTest {
  private static final Mushaf M = Mushaf.UTHMANI_HAFS;
  private static final String UNAVAILABLE =
      "{\"message\":\"Service unavailable\",\"type\":\"service_unavailable\",\"success\":false}";

  private ApiHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private QfApiClient api() {
    if (harness == null) {
      harness = ApiHarness.everything();
    }
    return harness.api();
  }

  private void answerEverything(int status, String body, String retryAfter) {
    api();
    var response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(body);
    if (retryAfter != null) {
      response.withHeader("Retry-After", retryAfter);
    }
    harness.server.stubFor(any(anyUrl()).willReturn(response));
  }

  private int requests() {
    return harness.server.findAll(anyRequestedFor(anyUrl())).size();
  }

  private QfApiException fails(Consumer<QfApiClient> call) {
    return assertThrows(QfApiException.class, () -> call.accept(api()));
  }

  // ---- retries ----

  @Test
  void countingPost_503_sentOnce() {
    answerEverything(503, UNAVAILABLE, null);
    QfApiException e =
        fails(
            a -> a.activityDays().recordQuranReading(30, List.of(VerseRange.parse("1:1-1:7")), M));
    assertEquals(QfErrorCode.API_ERROR, e.code());
    assertEquals(503, e.remoteStatus());
    assertEquals(1, requests(), "an activity day counts seconds: never sent twice");
  }

  @Test
  void addingPosts_503_neverRetried() {
    answerEverything(503, UNAVAILABLE, null);
    fails(a -> a.collections().create("Dua"));
    fails(a -> a.goals().create(GoalPlan.of(GoalType.QURAN_PAGES, 2, GoalCategory.QURAN), M));
    fails(a -> a.notes().create(NewNote.builder("Patience and prayer").build()));
    fails(a -> a.notes().publish("n-1", "Patience and prayer", List.of()));
    assertEquals(4, requests());
  }

  @Test
  void get_503_retriedOnce() {
    answerEverything(503, UNAVAILABLE, null);
    fails(a -> a.bookmarks().list(BookmarkQuery.of(M, BookmarkType.PAGE), PageRequest.first(20)));
    assertEquals(2, requests());
  }

  @Test
  void put_503_retriedOnce() {
    answerEverything(503, UNAVAILABLE, null);
    fails(
        a -> a.goals().update("g-1", GoalPlan.of(GoalType.QURAN_TIME, 600, GoalCategory.QURAN), M));
    assertEquals(2, requests());
  }

  @Test
  void delete_503_retriedOnce() {
    answerEverything(503, UNAVAILABLE, null);
    fails(a -> a.bookmarks().delete("b-1"));
    assertEquals(2, requests());
  }

  @Test
  void get_503ThenOk_succeedsOnTheRetry() {
    api();
    harness.server.stubFor(
        get(urlPathEqualTo("/auth/v1/streaks/current-streak-days"))
            .inScenario("flaky")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withBody(UNAVAILABLE))
            .willSetStateTo("up"));
    harness.server.stubFor(
        get(urlPathEqualTo("/auth/v1/streaks/current-streak-days"))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(okJson("{\"success\":true,\"data\":{\"days\":7}}")));
    assertEquals(7, api().streaks().currentDays());
    assertEquals(2, requests());
  }

  @Test
  void rateLimited_retryAfterADay_failsAtOnceWithRetryAfter() {
    answerEverything(
        429,
        "{\"message\":\"Too many requests\",\"type\":\"rate_limit_exceeded\",\"success\":false}",
        "86400");
    QfApiException e =
        fails(
            a -> a.bookmarks().list(BookmarkQuery.of(M, BookmarkType.PAGE), PageRequest.first(20)));
    assertEquals(QfErrorCode.API_RATE_LIMITED, e.code());
    assertEquals(Duration.ofDays(1), e.retryAfter());
    assertEquals(1, requests(), "a wait longer than the cap is the caller's to schedule");
  }

  @Test
  void unavailable_retryAfterAsAnHttpDateHoursAway_failsAtOnce() {
    String inTwoHours =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(2));
    answerEverything(503, UNAVAILABLE, inTwoHours);
    QfApiException e = fails(a -> a.preferences().get());
    assertEquals(QfErrorCode.API_ERROR, e.code());
    assertTrue(e.retryAfter().compareTo(Duration.ofHours(1)) > 0, String.valueOf(e.retryAfter()));
    assertEquals(1, requests());
  }

  @Test
  void rateLimited_shortRetryAfter_honouredOnce() {
    answerEverything(
        429,
        "{\"message\":\"Too many requests\",\"type\":\"rate_limit_exceeded\",\"success\":false}",
        "1");
    QfApiException e = fails(a -> a.preferences().get());
    assertEquals(QfErrorCode.API_RATE_LIMITED, e.code());
    assertEquals(Duration.ofSeconds(1), e.retryAfter());
    assertEquals(2, requests());
  }

  // ---- scopes ----

  @Test
  void scopeNotGranted_refusedBeforeAnyRequest() {
    harness = ApiHarness.granted("openid offline_access bookmark");
    harness.server.stubFor(any(anyUrl()).willReturn(okJson("{\"success\":true,\"data\":[]}")));
    QfApiException e = fails(a -> a.collections().list(PageRequest.first(20)));
    assertEquals(QfErrorCode.API_FORBIDDEN, e.code());
    assertEquals("collection.read", e.requiredScope());
    assertEquals(403, e.remoteStatus(), "the same shape as QF's 403");
    assertTrue(e.insufficientScope());
    assertTrue(e.getMessage().contains("collection.read"), e.getMessage());
    assertTrue(e.hint().contains("QF_SCOPES"), e.hint());
    assertEquals(0, requests());
    // The granted family works; a child scope covers only itself.
    api().bookmarks().list(BookmarkQuery.of(M, BookmarkType.PAGE), PageRequest.first(20));
    assertEquals(1, requests());
  }

  @Test
  void childScope_coversItsOperationOnly() {
    harness = ApiHarness.granted("openid note.read");
    harness.server.stubFor(any(anyUrl()).willReturn(okJson("{\"success\":true,\"data\":[]}")));
    api().notes().list(NoteQuery.newest(20));
    QfApiException e = fails(a -> a.notes().delete("n-1"));
    assertEquals("note.delete", e.requiredScope());
    assertEquals(1, requests());
  }

  @Test
  void forbidden403InsufficientScope_mapsToTheSameError() {
    answerEverything(
        403,
        "{\"message\":\"The access token does not have the required scopes\",\"type\":\"insufficient_scope\",\"success\":false}",
        null);
    QfApiException e = fails(a -> a.streaks().currentDays());
    assertEquals(QfErrorCode.API_FORBIDDEN, e.code());
    assertTrue(e.insufficientScope());
    assertEquals("streak.read", e.requiredScope());
    assertEquals(1, requests(), "a 403 is not retried");
  }

  // ---- error codes ----

  @Test
  void notFound_hasItsOwnCode() {
    answerEverything(
        404, "{\"message\":\"Note not found\",\"type\":\"not_found\",\"success\":false}", null);
    QfApiException e = fails(a -> a.notes().get("n-404", false));
    assertEquals(QfErrorCode.API_NOT_FOUND, e.code());
    assertEquals(404, e.remoteStatus());
  }

  @Test
  void invalidRequest_carriesTheServersMessage_redacted() {
    answerEverything(
        422,
        "{\"message\":\"body is too short\\u0007\\nforged line; token "
            + ApiHarness.ACCESS_TOKEN
            + "\",\"type\":\"unprocessable_entity\",\"success\":false}",
        null);
    QfApiException e = fails(a -> a.notes().update("n-1", "Six chars at least"));
    assertEquals(QfErrorCode.API_INVALID_REQUEST, e.code());
    assertTrue(e.getMessage().contains("body is too short"), e.getMessage());
    assertFalse(e.getMessage().contains(ApiHarness.ACCESS_TOKEN), "the token is masked");
    assertFalse(e.getMessage().contains("\n"), "no control characters");
    assertEquals(1, requests(), "a 422 is not retried");
  }

  @Test
  void unknownFields_tolerated_andTimesTyped() {
    api();
    harness.server.stubFor(
        get(urlPathEqualTo("/auth/v1/bookmarks"))
            .willReturn(
                okJson(
                    "{\"success\":true,\"extra\":1,\"data\":[{\"id\":\"b1\",\"createdAt\":\"2026-01-21T07:28:13.023Z\","
                        + "\"type\":\"surah\",\"key\":18,\"verseNumber\":null,\"group\":\"g\",\"isInDefaultCollection\":false,"
                        + "\"isReading\":null,\"collectionsCount\":0,\"brandNew\":{\"x\":[1]}},"
                        + "{\"id\":\"b2\",\"type\":\"ayah\",\"key\":2,\"verseNumber\":255,\"newType\":\"?\"}],"
                        + "\"pagination\":{\"startCursor\":\"b1\",\"endCursor\":\"b2\",\"hasNextPage\":false,\"hasPreviousPage\":true}}")));
    QfPage<Bookmark> page =
        api().bookmarks().list(BookmarkQuery.of(M, BookmarkType.PAGE), PageRequest.first(20));
    assertEquals(2, page.items().size());
    Bookmark surah = page.items().get(0);
    assertEquals(BookmarkType.SURAH, surah.type());
    assertEquals(Instant.parse("2026-01-21T07:28:13.023Z"), surah.createdAt());
    assertEquals(VerseKey.parse("2:255"), page.items().get(1).verseKey().orElseThrow());
    assertEquals("b1", page.startCursor());
    assertTrue(page.hasPreviousPage());
    assertFalse(page.hasNextPage());
  }

  // ---- input checked before any request ----

  @Test
  void badInput_throwsBeforeAnyRequest() {
    answerEverything(200, "{\"success\":true,\"data\":[]}", null);
    List<Executable> bad =
        List.of(
            () -> PageRequest.first(21),
            () -> PageRequest.first(0),
            () -> PageRequest.last(21),
            () -> PageRequest.first(5).before("x"),
            () -> NoteQuery.newest(51),
            () -> VerseKey.parse("2-255"),
            () -> VerseKey.parse("115:1"),
            () -> VerseKey.parse("2:255:1"),
            () -> VerseRange.parse("2:5-2:1"),
            () -> NewNote.builder("").build(),
            () -> NewNote.builder("     tiny  ").build(),
            () -> api().notes().update("n-1", null),
            () -> api().profile().update(ProfileChange.builder().build()),
            () -> api().profile().edit(ProfileSettingsChange.builder().build()),
            () -> BookmarkTarget.surah(115, M),
            () -> new BookmarkTarget(BookmarkType.JUZ, 3, 4, M),
            () -> Mushaf.of(8),
            () -> api().collections().create(" "),
            () -> api().collections().delete(""),
            () ->
                api().activityDays().recordQuranReading(0, List.of(VerseRange.parse("1:1-1:2")), M),
            () -> api().activityDays().recordQuranReading(5, List.of(), M),
            () -> api().bookmarks().inRange(VerseRange.parse("1:7-2:3"), M),
            () -> api().get("https://elsewhere.example/auth/v1/notes"),
            () -> QfApiRequest.builder("GET", "/auth/v1/notes").header("x-auth-token", "forged"),
            () -> QfApiRequest.builder("TRACE", "/auth/v1/notes"));
    for (int i = 0; i < bad.size(); i++) {
      assertThrows(IllegalArgumentException.class, bad.get(i), "bad input #" + i);
    }
    assertEquals(0, requests());
  }

  @Test
  void pathIds_areOneEncodedSegment() {
    answerEverything(200, "{\"success\":true,\"data\":{}}", null);
    api().notes().delete("../collections/x?y=1");
    String url = harness.server.findAll(anyRequestedFor(anyUrl())).get(0).getUrl();
    assertEquals("/auth/v1/notes/..%2Fcollections%2Fx%3Fy%3D1", url);
  }

  // ---- paging ----

  @Test
  void stream_45ItemsInPagesOf20_threeRequestsEachItemOnce() {
    api();
    stubPage(null, 1, 20, "c20", true);
    stubPage("c20", 21, 40, "c40", true);
    stubPage("c40", 41, 45, "c45", false);
    List<String> ids =
        api().bookmarks().stream(BookmarkQuery.of(M, BookmarkType.PAGE), 20, 10)
            .map(Bookmark::id)
            .collect(Collectors.toList());
    assertEquals(IntStream.rangeClosed(1, 45).mapToObj(i -> "b" + i).toList(), ids);
    assertEquals(3, requests());
  }

  @Test
  void streamEveryType_asksForEachType() {
    answerEverything(
        200,
        "{\"success\":true,\"data\":[{\"id\":\"x\",\"type\":\"page\",\"key\":1}],\"pagination\":{\"hasNextPage\":false}}",
        null);
    assertEquals(4, api().bookmarks().streamEveryType(M, 20, 5).count());
    List<String> types =
        harness.server.findAll(anyRequestedFor(anyUrl())).stream()
            .map(r -> r.queryParameter("type").firstValue())
            .toList();
    assertEquals(List.of("page", "juz", "surah", "ayah"), types);
  }

  @Test
  void stream_isLazyAndCapped() {
    api();
    stubPage(null, 1, 20, "c20", true);
    stubPage("c20", 21, 40, "c40", true);
    stubPage("c40", 41, 45, "c45", false);
    assertEquals(
        5,
        api().bookmarks().stream(BookmarkQuery.of(M, BookmarkType.PAGE), 20, 10).limit(5).count());
    assertEquals(1, requests(), "only the pages read are fetched");
    assertEquals(
        40, api().bookmarks().stream(BookmarkQuery.of(M, BookmarkType.PAGE), 20, 2).count());
    assertEquals(3, requests(), "at most maxPages pages");
  }

  @Test
  void notesStream_pagesWithCursorAndLimit() {
    api();
    harness.server.stubFor(
        get(urlPathEqualTo("/auth/v1/notes"))
            .withQueryParam("cursor", WireMock.absent())
            .withQueryParam("limit", equalTo("2"))
            .willReturn(okJson(notes("n1", "n2", "n2", true))));
    harness.server.stubFor(
        get(urlPathEqualTo("/auth/v1/notes"))
            .withQueryParam("cursor", equalTo("n2"))
            .withQueryParam("limit", equalTo("2"))
            .willReturn(okJson(notes("n3", null, "n3", false))));
    List<String> ids = api().notes().stream(NoteQuery.newest(2), 10).map(Note::id).toList();
    assertEquals(List.of("n1", "n2", "n3"), ids);
    assertEquals(2, requests());
  }

  // ---- time zone from the setting, raw client ----

  @Test
  void configuredTimeZone_sentWhereAccepted_andWithTimeZoneOverrides() {
    harness = ApiHarness.granted("streak goal bookmark", ZoneId.of("Europe/London"));
    harness.server.stubFor(
        any(anyUrl()).willReturn(okJson("{\"success\":true,\"data\":{\"days\":1}}")));
    api().streaks().currentDays();
    api().withTimeZone(ZoneId.of("Asia/Jakarta")).streaks().currentDays();
    api().bookmarks().get(BookmarkTarget.surah(1, M));
    var sent = harness.server.findAll(anyRequestedFor(anyUrl()));
    assertEquals("Europe/London", sent.get(0).getHeader("x-timezone"));
    assertEquals("Asia/Jakarta", sent.get(1).getHeader("x-timezone"));
    assertNull(sent.get(2).getHeader("x-timezone"));
  }

  @Test
  void rawClient_anyMethodWithBodyAndHeaders_toQuranReflect() {
    answerEverything(200, "{\"id\":7}", null);
    QfApiRequest request =
        QfApiRequest.builder("PATCH", "/quran-reflect/v1/posts/7")
            .query("lang", "en")
            .header("x-request-id", "r-1")
            .body(java.util.Map.of("body", "edited"))
            .requiredScope("post.update")
            .build();
    harness.close();
    harness = ApiHarness.granted("post");
    harness.server.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":7}")));
    assertEquals(7, api().send(request).path("id").asInt());
    api().delete("/quran-reflect/v1/posts/7", java.util.Map.of("reason", "dup"));
    var sent = harness.server.findAll(anyRequestedFor(anyUrl()));
    assertEquals("PATCH", sent.get(0).getMethod().getName());
    assertEquals("/quran-reflect/v1/posts/7?lang=en", sent.get(0).getUrl());
    assertEquals("r-1", sent.get(0).getHeader("x-request-id"));
    assertEquals("{\"body\":\"edited\"}", sent.get(0).getBodyAsString());
    assertEquals("DELETE", sent.get(1).getMethod().getName());
    assertEquals("{\"reason\":\"dup\"}", sent.get(1).getBodyAsString());
  }

  private void stubPage(String after, int from, int to, String end, boolean more) {
    StringBuilder data = new StringBuilder();
    for (int i = from; i <= to; i++) {
      data.append(i == from ? "" : ",")
          .append("{\"id\":\"b")
          .append(i)
          .append("\",\"type\":\"page\",\"key\":")
          .append(i)
          .append('}');
    }
    var mapping =
        get(urlPathEqualTo("/auth/v1/bookmarks"))
            .withQueryParam("first", equalTo("20"))
            .withQueryParam("mushafId", equalTo("4"))
            .withQueryParam("type", equalTo("page"))
            .withQueryParam("after", after == null ? WireMock.absent() : equalTo(after));
    harness.server.stubFor(
        mapping.willReturn(
            okJson(
                "{\"success\":true,\"data\":["
                    + data
                    + "],\"pagination\":{\"endCursor\":\""
                    + end
                    + "\",\"hasNextPage\":"
                    + more
                    + "}}")));
  }

  private static String notes(String first, String second, String end, boolean more) {
    String one = "{\"id\":\"%s\",\"body\":\"a note body\"}";
    String data = one.formatted(first) + (second == null ? "" : "," + one.formatted(second));
    return "{\"success\":true,\"data\":["
        + data
        + "],\"pagination\":{\"endCursor\":\""
        + end
        + "\",\"hasNextPage\":"
        + more
        + "}}";
  }
}
