package dev.qfauth.api;

import dev.qfauth.QfApiRequest;

/**
 * Which page of notes: {@code limit} notes (1..50, checked here) after {@code cursor}, newest or
 * oldest first. Notes page with their own {@code cursor}/{@code limit}, not {@link PageRequest}.
 */
public record NoteQuery(int limit, String cursor, boolean newestFirst) {
  /** The largest page of notes QF serves. */
  public static final int MAX_LIMIT = 50;

  public NoteQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1.." + MAX_LIMIT + " (the API's page limit for notes), got " + limit);
    }
  }

  /** The newest {@code limit} notes. */
  public static NoteQuery newest(int limit) {
    return new NoteQuery(limit, null, true);
  }

  /** The oldest {@code limit} notes. */
  public static NoteQuery oldest(int limit) {
    return new NoteQuery(limit, null, false);
  }

  /** The page after {@code cursor} (a page's {@code endCursor}). */
  public NoteQuery after(String cursor) {
    return new NoteQuery(limit, cursor, newestFirst);
  }

  void applyTo(QfApiRequest.Builder request) {
    request
        .query("cursor", cursor)
        .query("limit", limit)
        .query("sortBy", newestFirst ? "newest" : "oldest");
  }
}
