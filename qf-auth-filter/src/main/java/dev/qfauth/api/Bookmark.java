package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A bookmark of a page, juz, surah or ayah.
 *
 * @param type {@code null} when QF sent a type this SDK does not know
 * @param key the page, juz or surah number (the surah for an ayah)
 * @param verseNumber the ayah within the surah for {@link BookmarkType#AYAH}, else {@code null}
 * @param isReading {@code true} for the user's one reading bookmark; {@code null} when unset
 */
public record Bookmark(
    String id,
    Instant createdAt,
    BookmarkType type,
    int key,
    Integer verseNumber,
    String group,
    boolean isInDefaultCollection,
    Boolean isReading,
    int collectionsCount) {

  /** The ayah, for an ayah bookmark. */
  public Optional<VerseKey> verseKey() {
    if (type != BookmarkType.AYAH || verseNumber == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(VerseKey.of(key, verseNumber));
    } catch (IllegalArgumentException outOfRange) {
      return Optional.empty();
    }
  }

  static Bookmark from(JsonNode json) {
    // The ayah-range answer names the fields bookmarkType / bookmarkGroup, as a string or {type}.
    JsonNode type = json.has("type") ? json.get("type") : json.path("bookmarkType");
    JsonNode group = json.has("group") ? json.get("group") : json.path("bookmarkGroup");
    return new Bookmark(
        Wire.text(json, "id"),
        Wire.instant(json, "createdAt"),
        BookmarkType.orNull(type.isObject() ? Wire.text(type, "type") : type.asText(null)),
        Wire.integer(json, "key", 0),
        Wire.integer(json, "verseNumber"),
        group.isObject() ? Wire.text(group, "name") : group.asText(null),
        Wire.bool(json, "isInDefaultCollection", false),
        Wire.bool(json, "isReading"),
        Wire.integer(json, "collectionsCount", 0));
  }
}
