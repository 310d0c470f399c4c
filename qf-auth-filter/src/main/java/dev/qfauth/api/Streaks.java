package dev.qfauth.api;

import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiRequest;
import dev.qfauth.QfPage;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The user's Quran reading streaks ({@code streak.read}). Sends {@code x-timezone} when the client
 * has a zone. Thread-safe.
 */
public final class Streaks {
  private final QfApiClient api;

  public Streaks(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** How streaks are ordered (with {@link DayFilter}'s direction). */
  public enum OrderBy {
    START_DATE("startDate"),
    DAYS("days");

    final String wire;

    OrderBy(String wire) {
      this.wire = wire;
    }
  }

  /** The length of the current Quran streak in days (0 when none runs). */
  @Calls(Operation.STREAKS_CURRENT_DAYS)
  public int currentDays() {
    QfApiRequest request = Operation.STREAKS_CURRENT_DAYS.request().query("type", "QURAN").build();
    return Wire.integer(Wire.data(api.send(request)), "days", 0);
  }

  /**
   * One page of Quran streaks.
   *
   * @param orderBy {@code null} for QF's default
   * @param status {@code null} for both
   */
  @Calls(Operation.STREAKS_LIST)
  public QfPage<Streak> list(
      DayFilter filter, OrderBy orderBy, StreakStatus status, PageRequest page) {
    QfApiRequest.Builder request = Operation.STREAKS_LIST.request();
    filter.applyTo(request, "sortOrder");
    request
        .query("type", "QURAN")
        .query("orderBy", orderBy == null ? null : orderBy.wire)
        .query("status", status == null ? null : status.name());
    page.applyTo(request);
    return Wire.page(api.send(request.build()), Streak::from);
  }

  public Stream<Streak> stream(DayFilter filter, int pageSize, int maxPages) {
    return Pages.stream(
        PageRequest.first(pageSize), maxPages, page -> list(filter, null, null, page));
  }
}
