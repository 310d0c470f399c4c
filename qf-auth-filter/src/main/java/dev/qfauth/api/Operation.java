package dev.qfauth.api;

import dev.qfauth.QfApiRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every typed User API operation: method, path (from the API base), the scope it needs, whether a
 * retry is safe, and whether it takes {@code x-timezone}. One row per operation of {@code
 * user-related-apis-v1.json} under {@code /auth/v1}, plus the user's own QuranReflect profile;
 * {@code OperationCoverageTest} checks the table against the document.
 *
 * <p>The document gives no per-operation scope; the scopes are QF's published families with the
 * child that matches the verb ({@code bookmark.read}, {@code goal.create}, ...). A parent scope
 * covers its children.
 */
enum Operation {
  COLLECTIONS_LIST("GET", "/auth/v1/collections", "collection.read", Paging.RELAY),
  COLLECTIONS_CREATE("POST", "/auth/v1/collections", "collection.create"),
  COLLECTIONS_ALL("GET", "/auth/v1/collections/all", "collection.read", Paging.RELAY),
  COLLECTIONS_GET("GET", "/auth/v1/collections/{collectionId}", "collection.read", Paging.RELAY),
  COLLECTIONS_RENAME(
      "POST", "/auth/v1/collections/{collectionId}", "collection.update", Retry.SAFE),
  COLLECTIONS_DELETE("DELETE", "/auth/v1/collections/{collectionId}", "collection.delete"),
  COLLECTIONS_ADD_BOOKMARK(
      "POST", "/auth/v1/collections/{collectionId}/bookmarks", "collection.update"),
  COLLECTIONS_REMOVE_BOOKMARK(
      "DELETE", "/auth/v1/collections/{collectionId}/bookmarks", "collection.update"),
  COLLECTIONS_REMOVE_BOOKMARK_BY_ID(
      "DELETE", "/auth/v1/collections/{collectionId}/bookmarks/{bookmarkId}", "collection.update"),

  BOOKMARKS_LIST("GET", "/auth/v1/bookmarks", "bookmark.read", Paging.RELAY),
  /** Add or update by details: the same details twice leave one bookmark. */
  BOOKMARKS_SAVE("POST", "/auth/v1/bookmarks", "bookmark.create", Retry.SAFE),
  BOOKMARKS_DELETE("DELETE", "/auth/v1/bookmarks/{bookmarkId}", "bookmark.delete"),
  BOOKMARKS_GET("GET", "/auth/v1/bookmarks/bookmark", "bookmark.read"),
  BOOKMARKS_COLLECTIONS("GET", "/auth/v1/bookmarks/collections", "bookmark.read"),
  BOOKMARKS_AYAHS_RANGE("GET", "/auth/v1/bookmarks/ayahs-range", "bookmark.read"),

  READING_SESSIONS_LIST("GET", "/auth/v1/reading-sessions", "reading_session.read", Paging.RELAY),
  /** Creates or moves the session of the last 20 minutes: a repeat moves it to the same place. */
  READING_SESSIONS_SAVE("POST", "/auth/v1/reading-sessions", "reading_session.create", Retry.SAFE),

  ACTIVITY_DAYS_LIST("GET", "/auth/v1/activity-days", "activity_day.read", Paging.RELAY),
  /** Credits seconds and ranges: a repeat would count them twice. */
  ACTIVITY_DAYS_RECORD("POST", "/auth/v1/activity-days", "activity_day.create", TimeZone.SENT),
  ACTIVITY_DAYS_ESTIMATE(
      "GET", "/auth/v1/activity-days/estimate-reading-time", "activity_day.estimate"),

  GOALS_CREATE("POST", "/auth/v1/goals", "goal.create", TimeZone.SENT),
  GOALS_UPDATE("PUT", "/auth/v1/goals/{id}", "goal.update", TimeZone.SENT),
  GOALS_DELETE("DELETE", "/auth/v1/goals/{id}", "goal.delete", TimeZone.SENT),
  GOALS_TODAYS_PLAN("GET", "/auth/v1/goals/get-todays-plan", "goal.read", TimeZone.SENT),
  GOALS_ESTIMATE("GET", "/auth/v1/goals/estimate", "goal.estimate", TimeZone.SENT),

  STREAKS_LIST("GET", "/auth/v1/streaks", "streak.read", Paging.RELAY, TimeZone.SENT),
  STREAKS_CURRENT_DAYS("GET", "/auth/v1/streaks/current-streak-days", "streak.read", TimeZone.SENT),

  PREFERENCES_GET("GET", "/auth/v1/preferences", "preference.read"),
  PREFERENCES_SET("POST", "/auth/v1/preferences", "preference.update", Retry.SAFE),
  PREFERENCES_SET_BULK("POST", "/auth/v1/preferences/bulk", "preference.update", Retry.SAFE),

  NOTES_LIST("GET", "/auth/v1/notes", "note.read", Paging.CURSOR_LIMIT),
  NOTES_CREATE("POST", "/auth/v1/notes", "note.create"),
  NOTES_BY_VERSE("GET", "/auth/v1/notes/by-verse/{verseKey}", "note.read"),
  NOTES_BY_ATTACHED_ENTITY("GET", "/auth/v1/notes/by-attached-entity", "note.read"),
  NOTES_COUNT_WITHIN_RANGE("GET", "/auth/v1/notes/count-within-range", "note.read"),
  NOTES_BY_RANGE("GET", "/auth/v1/notes/by-range", "note.read"),
  NOTES_GET("GET", "/auth/v1/notes/{noteId}", "note.read"),
  /** Sets the body: a repeat sets the same body. */
  NOTES_UPDATE("PATCH", "/auth/v1/notes/{noteId}", "note.update", Retry.SAFE),
  NOTES_DELETE("DELETE", "/auth/v1/notes/{noteId}", "note.delete"),
  /** Makes a QuranReflect post: a repeat would post twice. */
  NOTES_PUBLISH("POST", "/auth/v1/notes/{noteId}/publish", "note.publish"),

  PROFILE_GET("GET", "/quran-reflect/v1/users/profile", "user.profile.read"),
  PROFILE_UPDATE("PUT", "/quran-reflect/v1/users/profile", "user.profile.update"),
  PROFILE_EDIT("PATCH", "/quran-reflect/v1/users/profile", "user.profile.update", Retry.SAFE);

  /** How an operation pages. */
  enum Paging {
    NONE,
    /** {@code first}/{@code after} or {@code last}/{@code before}, 1..20 ({@link PageRequest}). */
    RELAY,
    /** {@code cursor}/{@code limit}, 1..50 ({@link NoteQuery}). */
    CURSOR_LIMIT
  }

  /** A POST or PATCH that sets rather than adds: a retry is safe. */
  enum Retry {
    SAFE
  }

  /** The operation takes {@code x-timezone}. */
  enum TimeZone {
    SENT
  }

  final String method;
  final String path;
  final String scope;
  final Paging paging;
  final boolean idempotent;
  final boolean timeZone;

  Operation(String method, String path, String scope, Object... traits) {
    this.method = method;
    this.path = path;
    this.scope = scope;
    Paging paged = Paging.NONE;
    boolean safe = !"POST".equals(method) && !"PATCH".equals(method);
    boolean zone = false;
    for (Object trait : traits) {
      if (trait instanceof Paging p) {
        paged = p;
      } else if (trait == Retry.SAFE) {
        safe = true;
      } else if (trait == TimeZone.SENT) {
        zone = true;
      }
    }
    this.paging = paged;
    this.idempotent = safe;
    this.timeZone = zone;
  }

  /** A request for this operation, the path's {@code {names}} filled in order with encoded args. */
  QfApiRequest.Builder request(String... pathArgs) {
    StringBuilder filled = new StringBuilder(path.length() + 32);
    int arg = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '{') {
        int close = path.indexOf('}', i);
        filled.append(segment(pathArgs[arg++]));
        i = close;
      } else {
        filled.append(c);
      }
    }
    if (arg != pathArgs.length) {
      throw new IllegalStateException(name() + " takes " + arg + " path arguments");
    }
    return QfApiRequest.builder(method, filled.toString())
        .requiredScope(scope)
        .idempotent(idempotent)
        .sendTimeZone(timeZone);
  }

  /** One path segment, percent-encoded: an id can never add a segment or a query. */
  private static String segment(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an id in the path must not be empty");
    }
    // ':' is a valid path character (RFC 3986 3.3) and reads better in a verse key (2:255).
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
  }
}
