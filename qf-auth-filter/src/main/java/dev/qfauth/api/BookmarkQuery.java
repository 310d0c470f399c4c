package dev.qfauth.api;

import dev.qfauth.QfApiRequest;
import java.util.Objects;

/**
 * Filters for {@link Bookmarks#list}: the mushaf (required by QF) and, optionally, a type, a key
 * and the reading flag. Without a type every type is listed (pages, juz, surahs and ayahs).
 * Immutable; each {@code with} method returns a copy.
 */
public record BookmarkQuery(Mushaf mushaf, BookmarkType type, Integer key, Boolean isReading) {
  public BookmarkQuery {
    Objects.requireNonNull(mushaf, "mushaf");
  }

  /** Every bookmark in {@code mushaf}. */
  public static BookmarkQuery of(Mushaf mushaf) {
    return new BookmarkQuery(mushaf, null, null, null);
  }

  public BookmarkQuery withType(BookmarkType type) {
    return new BookmarkQuery(mushaf, type, key, isReading);
  }

  public BookmarkQuery withKey(Integer key) {
    return new BookmarkQuery(mushaf, type, key, isReading);
  }

  public BookmarkQuery withReading(Boolean isReading) {
    return new BookmarkQuery(mushaf, type, key, isReading);
  }

  void applyTo(QfApiRequest.Builder request) {
    request
        .query("type", type == null ? null : type.wire())
        .query("isReading", isReading)
        .query("key", key)
        .query("mushafId", mushaf.id());
  }
}
