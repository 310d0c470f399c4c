package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A user's collection of bookmarks.
 *
 * @param slug {@code null} for some collections
 * @param updatedAt {@code null} when QF sent none
 * @param bookmarksCount 0 when QF sent no count
 */
public record BookmarkCollection(
    String id,
    String name,
    String slug,
    boolean isPrivate,
    boolean isDefault,
    Instant updatedAt,
    int bookmarksCount) {

  /** The virtual Favorites collection's id in paths ({@code __default__}), ayah bookmarks only. */
  public static final String FAVORITES = "__default__";

  static BookmarkCollection from(JsonNode json) {
    return WireRecords.read(BookmarkCollection.class, json);
  }
}
