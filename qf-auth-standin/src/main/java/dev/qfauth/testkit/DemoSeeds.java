package dev.qfauth.testkit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A little of every family beyond collections and bookmarks, so demo mode shows them: a reading
 * session, Quran activity on the last three days (a three-day streak), a daily time goal, a theme
 * and a note.
 */
final class DemoSeeds {
  private DemoSeeds() {}

  static void seed(UserStore store, String username) {
    ActivityDaysApi activityDays = new ActivityDaysApi(store);
    LocalDate today = LocalDate.ofInstant(store.now(), ZoneOffset.UTC);
    new ReadingSessionsApi(store).seed(username, store.now(), 18, 10);
    new GoalsApi(store).seed(username, "QURAN_TIME", 600, null, today.minusDays(2));
    store.with(
        username,
        s -> {
          for (int back = 2; back >= 0; back--) {
            int surah = 36 + back;
            activityDays.credit(
                s,
                today.minusDays(back),
                "QURAN",
                300 + 60 * back,
                List.of(Verses.range("ranges", surah + ":1-" + surah + ":12")),
                4);
          }
          return s.preferences.put("theme", new java.util.LinkedHashMap<>(Map.of("type", "sepia")));
        });
    new NotesApi(store).seed(username, "Ayat al-Kursi: recite before sleeping.", "2:255-2:255");
  }
}
