package dev.qfauth.api;

import dev.qfauth.QfApiRequest;
import java.time.LocalDate;

/**
 * Optional filters for listing activity days or streaks: a date span and an order. Immutable;
 * {@link #any()} filters nothing.
 */
public record DayFilter(LocalDate from, LocalDate to, Boolean ascending) {
  public DayFilter {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
    }
  }

  public static DayFilter any() {
    return new DayFilter(null, null, null);
  }

  /** Days {@code from} through {@code to}, either may be {@code null}. */
  public static DayFilter between(LocalDate from, LocalDate to) {
    return new DayFilter(from, to, null);
  }

  public DayFilter oldestFirst() {
    return new DayFilter(from, to, true);
  }

  public DayFilter newestFirst() {
    return new DayFilter(from, to, false);
  }

  void applyTo(QfApiRequest.Builder request, String orderName) {
    request
        .query("from", from)
        .query("to", to)
        .query(orderName, ascending == null ? null : ascending ? "asc" : "desc");
  }
}
