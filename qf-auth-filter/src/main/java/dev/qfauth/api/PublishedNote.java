package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of publishing a note to QuranReflect.
 *
 * @param postId the new post's id, or {@code null} when QF sent none
 */
public record PublishedNote(boolean success, Long postId) {
  static PublishedNote from(JsonNode data) {
    return WireRecords.read(PublishedNote.class, data);
  }
}
