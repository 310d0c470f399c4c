package dev.qfauth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiException;
import dev.qfauth.QfErrorCode;
import dev.qfauth.QfPage;
import dev.qfauth.StandInApiHarness;
import dev.qfauth.testkit.QfTestUser;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The typed SDK against a running {@code QfStandIn}: per family a round trip (create, list, get,
 * update, delete as the family allows), paging over 45 items, and a withheld scope. Both sides were
 * written from user-related-apis-v1.json; this is where they meet.
 */
final class SdkStandInRoundTripTest {
  private static final Mushaf M = Mushaf.UTHMANI_HAFS;

  private StandInApiHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private QfApiClient alice() {
    harness = StandInApiHarness.alice();
    return harness.api();
  }

  private static VerseKey v(String key) {
    return VerseKey.parse(key);
  }

  @Test
  void collections_roundTrip_createListGetRenameAddRemoveDelete() {
    BookmarkCollections collections = alice().collections();
    BookmarkCollection made = collections.create("Night prayer");
    assertEquals("Night prayer", made.name());

    assertTrue(
        collections.list(PageRequest.first(20)).items().stream()
            .anyMatch(c -> c.id().equals(made.id())));

    BookmarkTarget kursi = BookmarkTarget.ayah(v("2:255"), M);
    BookmarkTarget ikhlas = BookmarkTarget.surah(112, M);
    collections.addBookmark(made.id(), kursi);
    collections.addBookmark(made.id(), ikhlas);
    CollectionItems items =
        collections.get(
            made.id(), PageRequest.first(20), BookmarkCollections.ItemOrder.RECENTLY_ADDED);
    assertEquals("Night prayer", items.collection().name());
    assertEquals(
        Set.of(BookmarkType.AYAH, BookmarkType.SURAH),
        items.bookmarks().items().stream().map(Bookmark::type).collect(Collectors.toSet()));
    assertEquals(
        List.of(v("2:255")),
        items.bookmarks().items().stream().flatMap(b -> b.verseKey().stream()).toList());

    assertTrue(
        collections
            .allItems(PageRequest.first(20), BookmarkCollections.ItemOrder.RECENTLY_ADDED, null)
            .items()
            .stream()
            .anyMatch(b -> b.verseKey().equals(java.util.Optional.of(v("2:255")))));

    collections.rename(made.id(), "Qiyam");
    assertEquals(
        "Qiyam",
        collections
            .get(made.id(), PageRequest.first(20), BookmarkCollections.ItemOrder.RECENTLY_ADDED)
            .collection()
            .name());

    collections.removeBookmark(made.id(), kursi);
    Bookmark surah =
        collections
            .get(made.id(), PageRequest.first(20), BookmarkCollections.ItemOrder.RECENTLY_ADDED)
            .bookmarks()
            .items()
            .get(0);
    assertEquals(BookmarkType.SURAH, surah.type());
    collections.removeBookmark(made.id(), surah.id());
    assertEquals(
        List.of(),
        collections
            .get(made.id(), PageRequest.first(20), BookmarkCollections.ItemOrder.RECENTLY_ADDED)
            .bookmarks()
            .items());

    collections.delete(made.id());
    assertFalse(
        collections.list(PageRequest.first(20)).items().stream()
            .anyMatch(c -> c.id().equals(made.id())));
    QfApiException gone =
        assertThrows(
            QfApiException.class,
            () ->
                collections.get(
                    made.id(),
                    PageRequest.first(20),
                    BookmarkCollections.ItemOrder.RECENTLY_ADDED));
    assertEquals(QfErrorCode.API_NOT_FOUND, gone.code());
  }

  @Test
  void favorites_addAndRemoveAyah_throughDefaultId() {
    BookmarkCollections collections = alice().collections();
    BookmarkTarget ayah = BookmarkTarget.ayah(v("36:58"), M);
    collections.addBookmark(BookmarkCollection.FAVORITES, ayah);
    Bookmark saved = harness.api().bookmarks().get(ayah).orElseThrow();
    assertTrue(saved.isInDefaultCollection());
    collections.removeBookmark(BookmarkCollection.FAVORITES, ayah);
    assertFalse(
        harness.api().bookmarks().get(ayah).map(Bookmark::isInDefaultCollection).orElse(false));
  }

  @Test
  void bookmarks_roundTrip_everyType() {
    Bookmarks bookmarks = alice().bookmarks();
    Bookmark ayah = bookmarks.save(BookmarkTarget.ayah(v("2:255"), M));
    Bookmark surah = bookmarks.save(BookmarkTarget.surah(18, M));
    Bookmark juz = bookmarks.save(BookmarkTarget.juz(30, M));
    Bookmark page = bookmarks.save(BookmarkTarget.page(604, M));
    assertEquals(BookmarkType.AYAH, ayah.type());
    assertEquals(java.util.Optional.of(v("2:255")), ayah.verseKey());
    assertEquals(BookmarkType.PAGE, page.type());
    assertEquals(604, page.key());

    // the same details twice leave one bookmark
    assertEquals(ayah.id(), bookmarks.save(BookmarkTarget.ayah(v("2:255"), M)).id());

    assertEquals(
        Set.of(ayah.id(), surah.id(), juz.id(), page.id()),
        bookmarks.streamEveryType(M, 20, 5).map(Bookmark::id).collect(Collectors.toSet()));
    assertEquals(
        List.of(juz.id()),
        bookmarks
            .list(BookmarkQuery.of(M, BookmarkType.JUZ), PageRequest.first(20))
            .items()
            .stream()
            .map(Bookmark::id)
            .toList());
    assertEquals(surah.id(), bookmarks.get(BookmarkTarget.surah(18, M)).orElseThrow().id());
    assertEquals(
        List.of(ayah.id()),
        bookmarks.inRange(VerseRange.parse("2:250-2:260"), M).stream().map(Bookmark::id).toList());

    String collectionId = harness.api().collections().create("Kursi").id();
    harness.api().collections().addBookmark(collectionId, BookmarkTarget.ayah(v("2:255"), M));
    assertEquals(
        List.of(collectionId), bookmarks.collectionsOf(BookmarkTarget.ayah(v("2:255"), M), false));

    bookmarks.delete(page.id());
    assertTrue(bookmarks.get(BookmarkTarget.page(604, M)).isEmpty());
  }

  @Test
  void bookmarks_45Seeded_iteratorMakesThreeRequestsAndSeesEachOnce() {
    QfApiClient api = alice();
    for (int verse = 1; verse <= 45; verse++) {
      harness.qf.addBookmark("alice", "2:" + verse);
    }
    int before = harness.qf.apiCalls();
    List<String> ids =
        api.bookmarks().stream(BookmarkQuery.of(M, BookmarkType.AYAH), 20, 10)
            .map(Bookmark::id)
            .toList();
    assertEquals(3, harness.qf.apiCalls() - before);
    assertEquals(45, ids.size());
    assertEquals(45, new HashSet<>(ids).size());

    // Backwards from the end: the last 20, then the 20 before them, in the same order as forwards.
    BookmarkQuery ayahs = BookmarkQuery.of(M, BookmarkType.AYAH);
    QfPage<Bookmark> last = api.bookmarks().list(ayahs, PageRequest.last(20));
    assertEquals(ids.subList(25, 45), last.items().stream().map(Bookmark::id).toList());
    assertTrue(last.hasPreviousPage());
    QfPage<Bookmark> before20 =
        api.bookmarks().list(ayahs, PageRequest.last(20).before(last.startCursor()));
    assertEquals(ids.subList(5, 25), before20.items().stream().map(Bookmark::id).toList());
  }

  @Test
  void readingSessions_roundTrip_saveMovesAndLists() {
    ReadingSessions sessions = alice().readingSessions();
    sessions.save(v("18:1"));
    sessions.save(v("18:10"));
    QfPage<ReadingSession> page = sessions.list(PageRequest.first(20));
    assertEquals(1, page.items().size(), "a save within 20 minutes moves the session");
    assertEquals(v("18:10"), page.items().get(0).verse());
    assertEquals(1, sessions.stream(5, 3).count());
  }

  @Test
  void activityDays_roundTrip_recordListEstimate() {
    ActivityDays days = alice().activityDays();
    days.recordQuranReading(300, List.of(VerseRange.parse("1:1-1:7")), M);
    List<DayProgress> listed =
        days.list(DayFilter.any(), ActivityType.QURAN, PageRequest.first(20)).items();
    assertEquals(1, listed.size());
    assertEquals(Integer.valueOf(300), listed.get(0).secondsRead());
    assertEquals(List.of(VerseRange.parse("1:1-1:7")), listed.get(0).ranges());
    Duration estimate = days.estimateReadingTime(List.of(VerseRange.parse("2:1-2:10")));
    assertTrue(estimate.toSeconds() > 0, "estimate " + estimate);
  }

  @Test
  void goals_roundTrip_createTodaysPlanEstimateUpdateDelete_withTimeZone() {
    QfApiClient api = alice().withTimeZone(ZoneId.of("Asia/Karachi"));
    Goals goals = api.goals();
    assertFalse(goals.todaysPlan(GoalType.QURAN_TIME, M).hasGoal());
    String id = goals.create(GoalPlan.of(GoalType.QURAN_TIME, 600, GoalCategory.QURAN), M);
    assertEquals(
        "Asia/Karachi",
        harness.qf.lastApiRequest().orElseThrow().header("x-timezone").orElse(null));
    TodaysPlan plan = goals.todaysPlan(GoalType.QURAN_TIME, M);
    assertTrue(plan.hasGoal());
    assertEquals(java.util.Optional.of(id), plan.goal());
    assertFalse(
        goals.estimate(GoalPlan.of(GoalType.QURAN_PAGES, 5, GoalCategory.QURAN), M).isEmpty());
    goals.update(id, GoalPlan.of(GoalType.QURAN_TIME, 900, GoalCategory.QURAN), M);
    assertTrue(goals.todaysPlan(GoalType.QURAN_TIME, M).hasGoal());
    goals.delete(id, GoalCategory.QURAN);
    assertFalse(goals.todaysPlan(GoalType.QURAN_TIME, M).hasGoal());
  }

  @Test
  void streaks_afterReadingToday_oneActiveDay() {
    QfApiClient api = alice();
    assertEquals(0, api.streaks().currentDays());
    api.activityDays().recordQuranReading(120, List.of(VerseRange.parse("1:1-1:3")), M);
    assertEquals(1, api.streaks().currentDays());
    List<Streak> streaks =
        api.streaks().list(DayFilter.any(), null, null, PageRequest.first(20)).items();
    assertEquals(1, streaks.size());
    assertEquals(1, streaks.get(0).days());
    assertEquals(StreakStatus.ACTIVE, streaks.get(0).status());
  }

  @Test
  void preferences_roundTrip_setAndBulkThenGet() {
    Preferences preferences = alice().preferences();
    preferences.set(PreferenceGroup.THEME, "type", "dark", M);
    assertEquals(
        java.util.Optional.of("dark"), preferences.get().text(PreferenceGroup.THEME, "type"));
    preferences.setAll(Map.of(PreferenceGroup.THEME, Map.of("type", "sepia")), M);
    assertEquals(
        java.util.Optional.of("sepia"), preferences.get().text(PreferenceGroup.THEME, "type"));
  }

  @Test
  void notes_roundTrip_createListGetUpdateDelete_withCursorPaging() {
    Notes notes = alice().notes();
    Note first =
        notes.create(NewNote.builder("Light upon light").range(VerseRange.of(v("24:35"))).build());
    assertEquals(List.of(VerseRange.of(v("24:35"))), first.ranges());
    for (int i = 0; i < 44; i++) {
      notes.create(NewNote.builder("Note number " + i).build());
    }
    int before = harness.qf.apiCalls();
    List<String> ids = notes.stream(NoteQuery.newest(20), 10).map(Note::id).toList();
    assertEquals(3, harness.qf.apiCalls() - before);
    assertEquals(45, new HashSet<>(ids).size());
    assertEquals(45, ids.size());

    assertEquals(List.of(first.id()), notes.onVerse(v("24:35")).stream().map(Note::id).toList());
    assertEquals(
        List.of(first.id()),
        notes.inRange(VerseRange.parse("24:30-24:40")).stream().map(Note::id).toList());
    assertEquals(Map.of(v("24:35"), 1), notes.countsInRange(VerseRange.parse("24:30-24:40")));
    notes.update(first.id(), "Light upon light, revised");
    assertEquals("Light upon light, revised", notes.get(first.id(), false).body());
    notes.delete(first.id());
    QfApiException gone = assertThrows(QfApiException.class, () -> notes.get(first.id(), false));
    assertEquals(QfErrorCode.API_NOT_FOUND, gone.code());
  }

  @Test
  void profile_roundTrip_getUpdateEdit() {
    Profile profile = alice().profile();
    UserProfile mine = profile.get();
    assertEquals("Alice", mine.firstName());
    UserProfile updated =
        profile.update(ProfileChange.builder().bio("Reading daily").country("PK").build());
    assertEquals("Reading daily", updated.bio());
    assertEquals("PK", profile.get().country());
    profile.edit(
        ProfileSettingsChange.builder().languageId(2).reflectionLanguages(List.of("ur")).build());
    assertTrue(
        harness.qf.lastApiRequest().orElseThrow().body().contains("\"languageId\":2"),
        "the edit reached the stand-in");
    assertEquals("Reading daily", profile.get().bio(), "an edit of settings keeps the person");
    assertNull(
        profile.update(ProfileChange.builder().country(null).build()).country(),
        "null clears the country");
  }

  @Test
  void everyOrderingTheSdkNames_isAcceptedByTheStandIn() {
    QfApiClient api = alice();
    BookmarkCollections collections = api.collections();
    String b = collections.create("b").id();
    collections.create("a");
    collections.addBookmark(b, BookmarkTarget.ayah(v("3:8"), M));
    collections.addBookmark(b, BookmarkTarget.ayah(v("2:201"), M));
    assertEquals(
        List.of("a", "b"),
        collections
            .list(PageRequest.first(20), BookmarkCollections.SortBy.ALPHABETICAL, null)
            .items()
            .stream()
            .map(BookmarkCollection::name)
            .toList());
    assertEquals(
        List.of(v("2:201"), v("3:8")),
        collections
            .get(b, PageRequest.first(20), BookmarkCollections.ItemOrder.VERSE_KEY)
            .bookmarks()
            .items()
            .stream()
            .flatMap(x -> x.verseKey().stream())
            .toList());
    api.activityDays().recordQuranReading(60, List.of(VerseRange.parse("1:1-1:2")), M);
    assertEquals(
        1,
        api.activityDays()
            .list(DayFilter.any().oldestFirst(), ActivityType.QURAN, PageRequest.first(5))
            .items()
            .size());
    assertEquals(
        1,
        api.streaks()
            .list(
                DayFilter.any().oldestFirst(),
                Streaks.OrderBy.DAYS,
                StreakStatus.ACTIVE,
                PageRequest.first(5))
            .items()
            .size());
    api.notes().create(NewNote.builder("The older note").build());
    api.notes().create(NewNote.builder("The newer note").build());
    assertEquals("The older note", api.notes().list(NoteQuery.oldest(1)).items().get(0).body());
    assertEquals("The newer note", api.notes().list(NoteQuery.newest(1)).items().get(0).body());
  }

  @Test
  void theRestOfEveryFamily_roundTripsToo() {
    QfApiClient api = alice();
    // bookmarks: favourites in collectionsOf, the reading bookmark, filter by key
    BookmarkTarget kahf = BookmarkTarget.ayah(v("18:10"), M);
    api.collections().addBookmark(BookmarkCollection.FAVORITES, kahf);
    assertEquals(List.of(BookmarkCollection.FAVORITES), api.bookmarks().collectionsOf(kahf, true));
    assertEquals(List.of(), api.bookmarks().collectionsOf(kahf, false));
    Bookmark reading = api.bookmarks().save(BookmarkTarget.surah(36, M), true);
    assertEquals(Boolean.TRUE, reading.isReading());
    assertEquals(
        List.of(reading.id()),
        api
            .bookmarks()
            .list(BookmarkQuery.of(M, BookmarkType.SURAH).withKey(36), PageRequest.first(5))
            .items()
            .stream()
            .map(Bookmark::id)
            .toList());
    Bookmark fav = api.bookmarks().get(kahf).orElseThrow();
    api.collections().removeBookmark(BookmarkCollection.FAVORITES, fav.id());
    assertEquals(List.of(), api.bookmarks().collectionsOf(kahf, true));
    // collections: filtered by the type they hold, the items of every collection
    String surahs = api.collections().create("Surahs").id();
    api.collections().addBookmark(surahs, BookmarkTarget.surah(67, M));
    assertEquals(
        List.of(surahs),
        api.collections().list(PageRequest.first(20), null, BookmarkType.SURAH).items().stream()
            .map(BookmarkCollection::id)
            .toList());
    assertEquals(
        1,
        api.collections().allItems(PageRequest.first(20), null, BookmarkType.SURAH).items().size());
    // activity days: a non-Quran activity; goals: a range goal's estimate
    api.activityDays().record(ActivityType.LESSON, LocalDate.now(java.time.ZoneOffset.UTC));
    assertEquals(
        1,
        api.activityDays()
            .list(DayFilter.any(), ActivityType.LESSON, PageRequest.first(5))
            .items()
            .size());
    assertFalse(
        api.goals()
            .estimate(
                GoalPlan.range(VerseRange.parse("2:1-2:50"), GoalCategory.QURAN).withDuration(5), M)
            .isEmpty());
    // preferences over several groups at once
    api.preferences()
        .setAll(
            Map.of(
                PreferenceGroup.THEME,
                Map.of("type", "dark"),
                PreferenceGroup.LANGUAGE,
                Map.of("language", "ur")),
            M);
    assertEquals(
        java.util.Optional.of("ur"),
        api.preferences().get().text(PreferenceGroup.LANGUAGE, "language"));
    // notes: on a reflection, published
    Note onReflection =
        api.notes()
            .create(
                NewNote.builder("On this reflection")
                    .attachedTo(AttachedEntity.reflection("4242"))
                    .build());
    assertEquals(
        List.of(onReflection.id()),
        api.notes().attachedTo(AttachedEntity.reflection("4242")).stream().map(Note::id).toList());
    assertTrue(
        api.notes()
            .publish(
                onReflection.id(), "Shared with everyone", List.of(VerseRange.parse("2:1-2:5")))
            .success());
    // an invalid request the SDK cannot see: QF's 422 with its message
    api.goals().create(GoalPlan.of(GoalType.QURAN_PAGES, 2, GoalCategory.QURAN), M);
    QfApiException twice =
        assertThrows(
            QfApiException.class,
            () -> api.goals().create(GoalPlan.of(GoalType.QURAN_PAGES, 2, GoalCategory.QURAN), M));
    assertEquals(QfErrorCode.API_INVALID_REQUEST, twice.code());
    assertTrue(twice.getMessage().contains("goal exists already"), twice.getMessage());
  }

  @Test
  void withheldScope_apiForbidden_beforeAnyRequest() {
    harness =
        StandInApiHarness.signedIn(
            QfTestUser.ALICE.withWithheldScopes("goal"), StandInApiHarness.EVERY_SCOPE);
    int before = harness.qf.apiCalls();
    QfApiException refused =
        assertThrows(
            QfApiException.class, () -> harness.api().goals().todaysPlan(GoalType.QURAN_TIME, M));
    assertEquals(QfErrorCode.API_FORBIDDEN, refused.code());
    assertEquals("goal.read", refused.requiredScope());
    assertEquals(0, harness.qf.apiCalls() - before);
    harness.api().streaks().currentDays();
    assertEquals(1, harness.qf.apiCalls() - before);
  }
}
