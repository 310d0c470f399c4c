package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Where the user last read ("continue reading").
 *
 * @param verse {@code null} when QF sent no (valid) location
 */
public record ReadingSession(String id, Instant updatedAt, VerseKey verse) {
  static ReadingSession from(JsonNode json) {
    Integer chapter = Wire.integer(json, "chapterNumber");
    Integer verse = Wire.integer(json, "verseNumber");
    VerseKey key = null;
    if (chapter != null && verse != null) {
      try {
        key = VerseKey.of(chapter, verse);
      } catch (IllegalArgumentException outOfRange) {
        key = null;
      }
    }
    return new ReadingSession(Wire.text(json, "id"), Wire.instant(json, "updatedAt"), key);
  }
}
