package dev.qfauth.api;

import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiRequest;
import dev.qfauth.QfPage;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the user read per day ({@code activity_day} scope); this is what streaks and goals count.
 * Recording sends {@code x-timezone} when the client has a zone. Thread-safe.
 */
public final class ActivityDays {
  private final QfApiClient api;

  public ActivityDays(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /**
   * One page of activity days.
   *
   * @param type {@code null} for every type
   */
  @Calls(Operation.ACTIVITY_DAYS_LIST)
  public QfPage<DayProgress> list(DayFilter filter, ActivityType type, PageRequest page) {
    QfApiRequest.Builder request = Operation.ACTIVITY_DAYS_LIST.request();
    filter.applyTo(request, "dateOrderBy");
    request.query("type", type == null ? null : type.name());
    page.applyTo(request);
    return Wire.page(api.send(request.build()), DayProgress::from);
  }

  public Stream<DayProgress> stream(
      DayFilter filter, ActivityType type, int pageSize, int maxPages) {
    return Pages.stream(PageRequest.first(pageSize), maxPages, page -> list(filter, type, page));
  }

  /**
   * Credits Quran reading to today (in the client's zone): {@code seconds} of active reading over
   * {@code ranges}. Never retried: QF adds the seconds, so a retry after a lost answer would count
   * them twice.
   */
  public void recordQuranReading(int seconds, List<VerseRange> ranges, Mushaf mushaf) {
    recordQuranReading(null, seconds, ranges, mushaf);
  }

  /**
   * Credits Quran reading to {@code date} (today or earlier; {@code null} for today).
   *
   * @throws IllegalArgumentException before any request when seconds &lt; 1 or no range is given
   */
  @Calls(Operation.ACTIVITY_DAYS_RECORD)
  public void recordQuranReading(
      LocalDate date, int seconds, List<VerseRange> ranges, Mushaf mushaf) {
    if (seconds < 1) {
      throw new IllegalArgumentException("seconds must be at least 1, got " + seconds);
    }
    if (ranges == null || ranges.isEmpty()) {
      throw new IllegalArgumentException("name at least one verse range that was read");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (date != null) {
      body.put("date", date.toString());
    }
    body.put("type", ActivityType.QURAN.name());
    body.put("seconds", seconds);
    body.put("ranges", ranges.stream().map(VerseRange::toString).toList());
    body.put("mushafId", Objects.requireNonNull(mushaf, "mushaf").id());
    api.send(Operation.ACTIVITY_DAYS_RECORD.request().body(body).build());
  }

  /**
   * Marks {@code date} ({@code null}: today) as a day of a non-Quran activity (a lesson, a
   * program's day). Never retried.
   */
  public void record(ActivityType type, LocalDate date) {
    if (type == ActivityType.QURAN) {
      throw new IllegalArgumentException(
          "Quran reading needs seconds and ranges: use recordQuranReading");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (date != null) {
      body.put("date", date.toString());
    }
    body.put("type", Objects.requireNonNull(type, "type").name());
    api.send(Operation.ACTIVITY_DAYS_RECORD.request().body(body).build());
  }

  /** QF's estimate of how long reading {@code ranges} takes. */
  @Calls(Operation.ACTIVITY_DAYS_ESTIMATE)
  public java.time.Duration estimateReadingTime(List<VerseRange> ranges) {
    if (ranges == null || ranges.isEmpty()) {
      throw new IllegalArgumentException("name at least one verse range");
    }
    String joined = String.join(",", ranges.stream().map(VerseRange::toString).toList());
    QfApiRequest request =
        Operation.ACTIVITY_DAYS_ESTIMATE.request().query("ranges", joined).build();
    Integer seconds = Wire.integer(Wire.data(api.send(request)), "seconds");
    return java.time.Duration.ofSeconds(seconds == null ? 0 : seconds);
  }
}
