package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A private note of the user, optionally on ayah ranges or a reflection. */
public record Note(
    String id,
    Instant createdAt,
    Instant updatedAt,
    String body,
    String source,
    List<AttachedEntity> attachedEntities,
    List<VerseRange> ranges) {

  /** The shortest and longest body QF accepts. */
  public static final int MIN_BODY = 6;

  public static final int MAX_BODY = 10_000;

  public Note {
    attachedEntities = List.copyOf(attachedEntities);
    ranges = List.copyOf(ranges);
  }

  static Note from(JsonNode json) {
    return WireRecords.read(Note.class, json);
  }

  /** Refuses a body QF would refuse, before any request. */
  static String checkBody(String body) {
    if (body == null || body.strip().length() < MIN_BODY || body.length() > MAX_BODY) {
      throw new IllegalArgumentException(
          "a note's body must be "
              + MIN_BODY
              + ".."
              + MAX_BODY
              + " characters, got "
              + (body == null ? "none" : body.strip().length()));
    }
    return body;
  }
}
