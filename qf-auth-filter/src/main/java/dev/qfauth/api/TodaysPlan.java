package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Today's plan of the user's goal of one type.
 *
 * @param hasGoal false when the user has no goal of that type (then {@code goalId} is {@code null})
 * @param today the day's targets and progress
 */
public record TodaysPlan(boolean hasGoal, String goalId, DayProgress today) {
  public Optional<String> goal() {
    return Optional.ofNullable(goalId);
  }

  static TodaysPlan from(JsonNode data) {
    return new TodaysPlan(
        Wire.bool(data, "hasGoal", false), Wire.text(data, "goalId"), DayProgress.from(data));
  }
}
