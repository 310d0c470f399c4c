package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /auth/v1/reading-sessions}: the latest reading location. A save within 20 minutes of the
 * last one updates it, as QF documents; later saves start a new session. Listed newest first.
 */
record ReadingSessionsApi(UserStore store) {
  private static final String BASE = "/auth/v1/reading-sessions";
  private static final Duration SESSION = Duration.ofMinutes(20);

  @Route(method = "GET", path = BASE, scope = "reading_session.read")
  private Object list(ApiCall call) {
    List<Map<String, Object>> all =
        store.with(
            call.username(),
            s -> {
              List<Map<String, Object>> json = new ArrayList<>();
              for (int i = s.readingSessions.size() - 1; i >= 0; i--) {
                json.add(json(s.readingSessions.get(i)));
              }
              return json;
            });
    return ApiReply.page(all, call.query());
  }

  @Route(method = "POST", path = BASE, scope = "reading_session.create")
  private Object save(ApiCall call) {
    JsonNode body = call.body("chapterNumber", "verseNumber");
    int chapter = ApiCall.integer(body, "chapterNumber", 1);
    int verse = ApiCall.integer(body, "verseNumber", 1);
    if (!Verses.valid(chapter, verse)) {
      throw ApiProblem.invalid("Verse " + chapter + ":" + verse + " does not exist.");
    }
    Instant now = store.now();
    String message = store.with(call.username(), s -> save(s, now, chapter, verse));
    return ApiReply.message(message);
  }

  private String save(UserStore.State s, Instant now, int chapter, int verse) {
    List<UserStore.ReadingSession> sessions = s.readingSessions;
    UserStore.ReadingSession last = sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
    if (last != null && last.updatedAt().plus(SESSION).isAfter(now)) {
      sessions.set(
          sessions.size() - 1, new UserStore.ReadingSession(last.id(), now, chapter, verse));
      return "reading session updated";
    }
    sessions.add(new UserStore.ReadingSession(store.newId(), now, chapter, verse));
    return "reading session created";
  }

  /** Adds a session at {@code at}, for seeding. */
  void seed(String username, Instant at, int chapter, int verse) {
    store.with(
        username,
        s ->
            s.readingSessions.add(new UserStore.ReadingSession(store.newId(), at, chapter, verse)));
  }

  private static Map<String, Object> json(UserStore.ReadingSession session) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", session.id());
    json.put("updatedAt", session.updatedAt().toString());
    json.put("chapterNumber", session.chapterNumber());
    json.put("verseNumber", session.verseNumber());
    return json;
  }
}
