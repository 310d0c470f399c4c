package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;

/**
 * One day's reading progress: an activity day, or today's plan of a goal. Counters QF did not send
 * are {@code null}.
 *
 * @param progress 0..1 of the day's target
 * @param ranges the ayahs read
 */
public record DayProgress(
    String id,
    LocalDate date,
    double progress,
    ActivityType type,
    List<VerseRange> ranges,
    Double pagesRead,
    Integer secondsRead,
    Integer versesRead,
    Integer manuallyAddedSeconds,
    Double dailyTargetPages,
    Integer dailyTargetSeconds,
    List<VerseRange> dailyTargetRanges,
    List<VerseRange> remainingDailyTargetRanges,
    Mushaf mushaf) {

  public DayProgress {
    ranges = List.copyOf(ranges);
    dailyTargetRanges = List.copyOf(dailyTargetRanges);
    remainingDailyTargetRanges = List.copyOf(remainingDailyTargetRanges);
  }

  static DayProgress from(JsonNode json) {
    return WireRecords.read(DayProgress.class, json);
  }
}
