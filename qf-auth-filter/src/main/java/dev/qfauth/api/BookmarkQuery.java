package dev.qfauth.api;

import dev.qfauth.QfApiRequest;
import java.util.Objects;

/**
 * Filters for {@link Bookmarks#list}: the mushaf and the type (QF lists one type per request, and
 * only ayahs when the type is left out, so the SDK always names it), and optionally a key and the
 * reading flag. {@link Bookmarks#streamEveryType} walks all four types. Immutable; each {@code
 * with} method returns a copy.
 */
public record BookmarkQuery(Mushaf mushaf, BookmarkType type, Integer key, Boolean isReading) {
  public BookmarkQuery {
    Objects.requireNonNull(mushaf, "mushaf");
    Objects.requireNonNull(type, "type");
  }

  /** The bookmarks of {@code type} in {@code mushaf}. */
  public static BookmarkQuery of(Mushaf mushaf, BookmarkType type) {
    return new BookmarkQuery(mushaf, type, null, null);
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
        .query("type", type.wire())
        .query("isReading", isReading)
        .query("key", key)
        .query("mushafId", mushaf.id());
  }
}
