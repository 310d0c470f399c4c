package dev.qfauth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records QF's answers are read into: every field read by name and type, and a missing, null or
 * malformed field read as null (0, false or an empty list), never an error.
 */
final class WireRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-01-21T07:28:13.023Z");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void dayProgress_everyField_read() {
    DayProgress day =
        DayProgress.from(
            json(
                """
                {"id":"d1","date":"2026-01-21T00:00:00Z","progress":0.5,"type":"QURAN",
                 "ranges":["1:1-1:7","bad","2:1-2:5,2:6-2:7"],"pagesRead":1.5,"secondsRead":60,
                 "versesRead":7,"manuallyAddedSeconds":5,"dailyTargetPages":2.0,
                 "dailyTargetSeconds":600,"dailyTargetRanges":["3:1-3:2"],
                 "remainingDailyTargetRanges":[],"mushafId":4,"brandNew":{"x":1}}
                """));
    assertEquals(
        new DayProgress(
            "d1",
            LocalDate.parse("2026-01-21"),
            0.5,
            ActivityType.QURAN,
            VerseRange.parseAll(List.of("1:1-1:7", "2:1-2:5", "2:6-2:7")),
            1.5,
            60,
            7,
            5,
            2.0,
            600,
            List.of(VerseRange.parse("3:1-3:2")),
            List.of(),
            Mushaf.UTHMANI_HAFS),
        day);
  }

  @Test
  void dayProgress_missingFields_nullZeroOrEmpty() {
    assertEquals(
        new DayProgress(
            null, null, 0, null, List.of(), null, null, null, null, null, null, List.of(),
            List.of(), null),
        DayProgress.from(json("{}")));
  }

  @Test
  void streak_malformedFields_readAsNullOrZero() {
    Streak streak =
        Streak.from(
            json(
                """
                {"id":7,"startDate":"yesterday","endDate":null,"type":"QURAN",
                 "status":"PAUSED","days":"12"}
                """));
    assertEquals(new Streak("7", null, null, "QURAN", null, 0), streak);
    assertEquals(
        new Streak("s", T, T, "QURAN", StreakStatus.ACTIVE, 12),
        Streak.from(
            json(
                """
                {"id":"s","startDate":"2026-01-21T07:28:13.023Z",
                 "endDate":"2026-01-21T12:28:13.023+05:00","type":"QURAN","status":"ACTIVE","days":12}
                """)));
  }

  @Test
  void userProfile_bareOrInADataEnvelope_sameProfile() {
    String profile =
        """
        {"id":"u1","username":"aisha","firstName":"Aisha","lastName":null,"email":"a@example.org",
         "bio":"b","country":"PK","photoUrl":"https://example.org/a.png","languageIsoCode":"ur",
         "verified":true,"followersCount":3,"postsCount":"many","createdAt":"2026-01-21T07:28:13.023Z"}
        """;
    UserProfile expected =
        new UserProfile(
            "u1",
            "aisha",
            "Aisha",
            null,
            "a@example.org",
            "b",
            "PK",
            "https://example.org/a.png",
            "ur",
            true,
            3,
            0,
            T);
    assertEquals(expected, UserProfile.from(json(profile)));
    assertEquals(expected, UserProfile.from(json("{\"data\":" + profile + "}")));
    assertEquals(
        new UserProfile(null, null, null, null, null, null, null, null, null, false, 0, 0, null),
        UserProfile.from(json("{\"verified\":\"yes\"}")));
  }

  @Test
  void note_attachedEntitiesAndRanges_read() {
    Note note =
        Note.from(
            json(
                """
                {"id":"n1","createdAt":"2026-01-21T07:28:13.023Z","updatedAt":"later",
                 "body":"Patience.","source":"qr",
                 "attachedEntities":[{"entityId":"r1","entityType":"reflection"},{}],
                 "ranges":["2:153-2:157"]}
                """));
    assertEquals(
        new Note(
            "n1",
            T,
            null,
            "Patience.",
            "qr",
            List.of(AttachedEntity.reflection("r1"), new AttachedEntity("", "")),
            List.of(VerseRange.parse("2:153-2:157"))),
        note);
    assertEquals(
        new Note(null, null, null, null, null, List.of(), List.of()),
        Note.from(json("{\"attachedEntities\":{\"not\":\"a list\"},\"ranges\":null}")));
  }

  @Test
  void collectionPublishedNoteAndEstimate_read() {
    assertEquals(
        new BookmarkCollection("c1", "Duas", null, true, false, T, 4),
        BookmarkCollection.from(
            json(
                """
                {"id":"c1","name":"Duas","isPrivate":true,"updatedAt":"2026-01-21T07:28:13.023Z",
                 "bookmarksCount":4}
                """)));
    assertEquals(
        new BookmarkCollection(null, null, null, false, false, null, 0),
        BookmarkCollection.from(json("[]")));
    assertEquals(
        new PublishedNote(true, 9_000_000_000L),
        PublishedNote.from(json("{\"success\":true,\"postId\":9000000000}")));
    assertEquals(new PublishedNote(false, null), PublishedNote.from(json("{\"postId\":\"p\"}")));
    assertEquals(
        List.of(new EstimateDay(LocalDate.parse("2026-01-21"), "2"), new EstimateDay(null, null)),
        EstimateDay.week(json("{\"week\":[{\"date\":\"2026-01-21\",\"amount\":2},{}]}")));
  }

  @Test
  void todaysPlan_readsTheDayFromTheSameObject() {
    TodaysPlan plan =
        TodaysPlan.from(
            json("{\"hasGoal\":true,\"goalId\":\"g1\",\"progress\":1,\"mushafId\":99}"));
    assertEquals("g1", plan.goalId());
    assertEquals(1.0, plan.today().progress());
    assertNull(plan.today().mushaf());
  }
}
