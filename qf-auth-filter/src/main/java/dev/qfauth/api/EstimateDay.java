package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;

/**
 * One day of a goal estimate.
 *
 * @param amount what to read that day, as QF wrote it (a number or a range)
 */
public record EstimateDay(LocalDate date, String amount) {
  static List<EstimateDay> week(JsonNode data) {
    return List.copyOf(
        Wire.list(data.get("week"), day -> WireRecords.read(EstimateDay.class, day)));
  }
}
