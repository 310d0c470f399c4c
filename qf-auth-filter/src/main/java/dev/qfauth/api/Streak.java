package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A run of days on which the user read. */
public record Streak(
    String id, Instant startDate, Instant endDate, String type, StreakStatus status, int days) {
  static Streak from(JsonNode json) {
    return WireRecords.read(Streak.class, json);
  }
}
