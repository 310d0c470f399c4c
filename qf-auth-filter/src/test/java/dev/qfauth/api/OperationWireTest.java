package dev.qfauth.api;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.qfauth.ApiHarness;
import dev.qfauth.QfApiClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each typed operation on the wire (WireMock): exact method, path, query names and values, JSON
 * body, and headers: x-auth-token and x-client-id always, x-timezone exactly on the operations
 * whose document lists it.
 */
final class OperationWireTest {
  private static final ZoneId KARACHI = ZoneId.of("Asia/Karachi");
  private static final Mushaf M = Mushaf.UTHMANI_HAFS;
  private static final BookmarkTarget AYAT_AL_KURSI =
      BookmarkTarget.ayah(VerseKey.parse("2:255"), M);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ApiHarness harness;

  record Case(
      Operation op,
      Consumer<QfApiClient> call,
      String path,
      Map<String, String> query,
      String body) {
    @Override
    public String toString() {
      return op.name();
    }
  }

  private static Case of(
      Operation op, Consumer<QfApiClient> call, String path, String query, String body) {
    Map<String, String> expected = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        expected.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new Case(op, call, path, expected, body);
  }

  static List<Case> cases() {
    return List.of(
        of(
            Operation.COLLECTIONS_LIST,
            a ->
                a.collections()
                    .list(
                        PageRequest.first(5),
                        BookmarkCollections.SortBy.ALPHABETICAL,
                        BookmarkType.AYAH),
            "/auth/v1/collections",
            "sortBy=alphabetical&type=ayah&first=5",
            null),
        of(
            Operation.COLLECTIONS_CREATE,
            a -> a.collections().create("Dua"),
            "/auth/v1/collections",
            "",
            "{\"name\":\"Dua\"}"),
        of(
            Operation.COLLECTIONS_ALL,
            a ->
                a.collections()
                    .allItems(
                        PageRequest.last(3).before("c9"),
                        BookmarkCollections.ItemOrder.VERSE_KEY,
                        BookmarkType.SURAH),
            "/auth/v1/collections/all",
            "sortBy=verseKey&type=surah&last=3&before=c9",
            null),
        of(
            Operation.COLLECTIONS_GET,
            a ->
                a.collections()
                    .get(
                        BookmarkCollection.FAVORITES,
                        PageRequest.first(2),
                        BookmarkCollections.ItemOrder.RECENTLY_ADDED),
            "/auth/v1/collections/__default__",
            "sortBy=recentlyAdded&first=2",
            null),
        of(
            Operation.COLLECTIONS_RENAME,
            a -> a.collections().rename("c-1", "New"),
            "/auth/v1/collections/c-1",
            "",
            "{\"name\":\"New\"}"),
        of(
            Operation.COLLECTIONS_DELETE,
            a -> a.collections().delete("c-1"),
            "/auth/v1/collections/c-1",
            "",
            null),
        of(
            Operation.COLLECTIONS_ADD_BOOKMARK,
            a -> a.collections().addBookmark("c-1", AYAT_AL_KURSI),
            "/auth/v1/collections/c-1/bookmarks",
            "",
            "{\"key\":2,\"type\":\"ayah\",\"verseNumber\":255,\"mushafId\":4}"),
        of(
            Operation.COLLECTIONS_REMOVE_BOOKMARK,
            a -> a.collections().removeBookmark("c-1", BookmarkTarget.surah(18, M)),
            "/auth/v1/collections/c-1/bookmarks",
            "",
            "{\"key\":18,\"type\":\"surah\",\"mushafId\":4}"),
        of(
            Operation.COLLECTIONS_REMOVE_BOOKMARK_BY_ID,
            a -> a.collections().removeBookmark("c-1", "b-1"),
            "/auth/v1/collections/c-1/bookmarks/b-1",
            "",
            null),
        of(
            Operation.BOOKMARKS_LIST,
            a ->
                a.bookmarks()
                    .list(
                        BookmarkQuery.of(M, BookmarkType.JUZ).withReading(true).withKey(3),
                        PageRequest.first(20).after("b5")),
            "/auth/v1/bookmarks",
            "type=juz&isReading=true&key=3&mushafId=4&first=20&after=b5",
            null),
        of(
            Operation.BOOKMARKS_SAVE,
            a -> a.bookmarks().save(AYAT_AL_KURSI, true),
            "/auth/v1/bookmarks",
            "",
            "{\"key\":2,\"type\":\"ayah\",\"verseNumber\":255,\"mushafId\":4,\"isReading\":true}"),
        of(
            Operation.BOOKMARKS_DELETE,
            a -> a.bookmarks().delete("b-1"),
            "/auth/v1/bookmarks/b-1",
            "",
            null),
        of(
            Operation.BOOKMARKS_GET,
            a -> a.bookmarks().get(AYAT_AL_KURSI),
            "/auth/v1/bookmarks/bookmark",
            "key=2&type=ayah&verseNumber=255&mushafId=4",
            null),
        of(
            Operation.BOOKMARKS_COLLECTIONS,
            a -> a.bookmarks().collectionsOf(BookmarkTarget.page(5, M), true),
            "/auth/v1/bookmarks/collections",
            "key=5&type=page&includeDefault=true&mushafId=4",
            null),
        of(
            Operation.BOOKMARKS_AYAHS_RANGE,
            a -> a.bookmarks().inRange(VerseRange.parse("2:1-2:5"), M),
            "/auth/v1/bookmarks/ayahs-range",
            "chapterNumber=2&rangeStartAyahNumber=1&rangeEndAyahNumber=5&mushafId=4",
            null),
        of(
            Operation.READING_SESSIONS_LIST,
            a -> a.readingSessions().list(PageRequest.first(10)),
            "/auth/v1/reading-sessions",
            "first=10",
            null),
        of(
            Operation.READING_SESSIONS_SAVE,
            a -> a.readingSessions().save(VerseKey.parse("18:10")),
            "/auth/v1/reading-sessions",
            "",
            "{\"chapterNumber\":18,\"verseNumber\":10}"),
        of(
            Operation.ACTIVITY_DAYS_LIST,
            a ->
                a.activityDays()
                    .list(
                        DayFilter.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))
                            .newestFirst(),
                        ActivityType.QURAN,
                        PageRequest.first(20)),
            "/auth/v1/activity-days",
            "from=2026-01-01&to=2026-01-31&dateOrderBy=desc&type=QURAN&first=20",
            null),
        of(
            Operation.ACTIVITY_DAYS_RECORD,
            a ->
                a.activityDays()
                    .recordQuranReading(
                        LocalDate.of(2026, 1, 2), 5, List.of(VerseRange.parse("1:5-1:7")), M),
            "/auth/v1/activity-days",
            "",
            "{\"date\":\"2026-01-02\",\"type\":\"QURAN\",\"seconds\":5,\"ranges\":[\"1:5-1:7\"],\"mushafId\":4}"),
        of(
            Operation.ACTIVITY_DAYS_ESTIMATE,
            a ->
                a.activityDays()
                    .estimateReadingTime(
                        List.of(VerseRange.parse("1:1-1:7"), VerseRange.parse("2:1-2:5"))),
            "/auth/v1/activity-days/estimate-reading-time",
            "ranges=1:1-1:7,2:1-2:5",
            null),
        of(
            Operation.GOALS_CREATE,
            a ->
                a.goals()
                    .create(
                        GoalPlan.of(GoalType.QURAN_PAGES, 2, GoalCategory.QURAN).withDuration(30),
                        M),
            "/auth/v1/goals",
            "mushafId=4",
            "{\"type\":\"QURAN_PAGES\",\"amount\":2,\"duration\":30,\"category\":\"QURAN\"}"),
        of(
            Operation.GOALS_UPDATE,
            a ->
                a.goals()
                    .update(
                        "g-1",
                        GoalPlan.range(VerseRange.parse("1:1-2:286"), GoalCategory.QURAN),
                        M),
            "/auth/v1/goals/g-1",
            "mushafId=4",
            "{\"type\":\"QURAN_RANGE\",\"amount\":\"1:1-2:286\",\"category\":\"QURAN\"}"),
        of(
            Operation.GOALS_DELETE,
            a -> a.goals().delete("g-1", GoalCategory.QURAN),
            "/auth/v1/goals/g-1",
            "category=QURAN",
            null),
        of(
            Operation.GOALS_TODAYS_PLAN,
            a -> a.goals().todaysPlan(GoalType.QURAN_TIME, M),
            "/auth/v1/goals/get-todays-plan",
            "type=QURAN_TIME&mushafId=4",
            null),
        of(
            Operation.GOALS_ESTIMATE,
            a -> a.goals().estimate(GoalPlan.of(GoalType.QURAN_TIME, 600, GoalCategory.QURAN), M),
            "/auth/v1/goals/estimate",
            "type=QURAN_TIME&amount=600&mushafId=4",
            null),
        of(
            Operation.STREAKS_LIST,
            a ->
                a.streaks()
                    .list(
                        DayFilter.any().oldestFirst(),
                        Streaks.OrderBy.DAYS,
                        StreakStatus.ACTIVE,
                        PageRequest.last(5)),
            "/auth/v1/streaks",
            "sortOrder=asc&type=QURAN&orderBy=days&status=ACTIVE&last=5",
            null),
        of(
            Operation.STREAKS_CURRENT_DAYS,
            a -> a.streaks().currentDays(),
            "/auth/v1/streaks/current-streak-days",
            "type=QURAN",
            null),
        of(Operation.PREFERENCES_GET, a -> a.preferences().get(), "/auth/v1/preferences", "", null),
        of(
            Operation.PREFERENCES_SET,
            a -> a.preferences().set(PreferenceGroup.THEME, "type", "dark", M),
            "/auth/v1/preferences",
            "mushafId=4",
            "{\"group\":\"theme\",\"key\":\"type\",\"value\":\"dark\"}"),
        of(
            Operation.PREFERENCES_SET_BULK,
            a -> a.preferences().setAll(Map.of(PreferenceGroup.THEME, Map.of("type", "sepia")), M),
            "/auth/v1/preferences/bulk",
            "mushafId=4",
            "{\"theme\":{\"type\":\"sepia\"}}"),
        of(
            Operation.NOTES_LIST,
            a -> a.notes().list(NoteQuery.oldest(50).after("n9")),
            "/auth/v1/notes",
            "cursor=n9&limit=50&sortBy=oldest",
            null),
        of(
            Operation.NOTES_CREATE,
            a ->
                a.notes()
                    .create(
                        NewNote.builder("Patience and prayer")
                            .range(VerseRange.parse("2:153-2:157"))
                            .build()),
            "/auth/v1/notes",
            "",
            "{\"body\":\"Patience and prayer\",\"saveToQR\":false,\"ranges\":[\"2:153-2:157\"]}"),
        of(
            Operation.NOTES_BY_VERSE,
            a -> a.notes().onVerse(VerseKey.parse("2:255")),
            "/auth/v1/notes/by-verse/2:255",
            "verseKey=2:255",
            null),
        of(
            Operation.NOTES_BY_ATTACHED_ENTITY,
            a -> a.notes().attachedTo(AttachedEntity.reflection("r-1")),
            "/auth/v1/notes/by-attached-entity",
            "entityId=r-1&entityType=reflection",
            null),
        of(
            Operation.NOTES_COUNT_WITHIN_RANGE,
            a -> a.notes().countsInRange(VerseRange.parse("2:1-2:10")),
            "/auth/v1/notes/count-within-range",
            "from=2:1&to=2:10",
            null),
        of(
            Operation.NOTES_BY_RANGE,
            a -> a.notes().inRange(VerseRange.parse("2:1-2:10")),
            "/auth/v1/notes/by-range",
            "from=2:1&to=2:10",
            null),
        of(
            Operation.NOTES_GET,
            a -> a.notes().get("n-1", true),
            "/auth/v1/notes/n-1",
            "withAttachedEntities=true",
            null),
        of(
            Operation.NOTES_UPDATE,
            a -> a.notes().update("n-1", "A longer body"),
            "/auth/v1/notes/n-1",
            "",
            "{\"body\":\"A longer body\"}"),
        of(Operation.NOTES_DELETE, a -> a.notes().delete("n-1"), "/auth/v1/notes/n-1", "", null),
        of(
            Operation.NOTES_PUBLISH,
            a ->
                a.notes()
                    .publish("n-1", "Shared reflection", List.of(VerseRange.parse("2:255-2:255"))),
            "/auth/v1/notes/n-1/publish",
            "",
            "{\"body\":\"Shared reflection\",\"ranges\":[\"2:255-2:255\"]}"),
        of(
            Operation.PROFILE_GET,
            a -> a.profile().get(),
            "/quran-reflect/v1/users/profile",
            "",
            null),
        of(
            Operation.PROFILE_UPDATE,
            a ->
                a.profile()
                    .update(
                        ProfileChange.builder()
                            .firstName("Aisha")
                            .bio("Tafsir")
                            .country(null)
                            .build()),
            "/quran-reflect/v1/users/profile",
            "",
            "{\"user\":{\"firstName\":\"Aisha\",\"bio\":\"Tafsir\",\"country\":null}}"),
        of(
            Operation.PROFILE_EDIT,
            a ->
                a.profile()
                    .edit(
                        ProfileSettingsChange.builder()
                            .languageId(1)
                            .ayahLanguages(List.of("en", "ur"))
                            .hideFollowSuggestion(true)
                            .build()),
            "/quran-reflect/v1/users/profile",
            "",
            "{\"languageId\":1,\"ayahLanguages\":[\"en\",\"ur\"],\"hideFollowSuggestion\":true}"));
  }

  @BeforeAll
  static void start() {
    harness = ApiHarness.everything();
    harness.server.stubFor(any(anyUrl()).willReturn(okJson("{\"success\":true,\"data\":{}}")));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void cases_coverEveryOperation() {
    Set<Operation> covered =
        cases().stream()
            .map(Case::op)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Operation.class)));
    assertEquals(EnumSet.allOf(Operation.class), covered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void operation_onTheWire_matchesTheDocument(Case c) throws Exception {
    harness.server.resetRequests();
    c.call().accept(harness.api().withTimeZone(KARACHI));

    List<LoggedRequest> sent =
        harness.server.findAll(
            com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    assertEquals(1, sent.size(), "one request");
    LoggedRequest request = sent.get(0);
    String url = request.getUrl();
    int q = url.indexOf('?');
    assertEquals(c.op().method, request.getMethod().getName());
    assertEquals(c.path(), q < 0 ? url : url.substring(0, q));
    assertEquals(c.query(), query(q < 0 ? "" : url.substring(q + 1)));
    if (c.body() == null) {
      assertEquals("", request.getBodyAsString());
    } else {
      assertEquals(JSON.readTree(c.body()), JSON.readTree(request.getBodyAsString()));
      assertEquals("application/json", request.getHeader("Content-Type"));
    }
    assertEquals(ApiHarness.ACCESS_TOKEN, request.getHeader("x-auth-token"));
    assertEquals(ApiHarness.CLIENT_ID, request.getHeader("x-client-id"));
    if (c.op().timeZone) {
      assertEquals("Asia/Karachi", request.getHeader("x-timezone"));
    } else {
      assertNull(request.getHeader("x-timezone"), "no x-timezone on " + c.op());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    Stream.of(raw.split("&"))
        .filter(p -> !p.isEmpty())
        .forEach(
            p -> {
              int eq = p.indexOf('=');
              out.put(
                  URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                  URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            });
    return out;
  }
}
