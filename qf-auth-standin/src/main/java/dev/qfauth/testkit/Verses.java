package dev.qfauth.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Verse keys ({@code 2:255}) and ranges ({@code 1:1-2:5}) checked against the Quran's 114 surahs,
 * so the stand-in refuses {@code 1:8} as QF would, and counts the verses a range spans.
 */
final class Verses {
  /** The spec's pattern for one range, {@code 1:1-2:5}, before the verses are checked. */
  static final String RANGE = "^(\\d+):(\\d+)-(\\d+):(\\d+)$";

  /** The spec's pattern for comma-separated ranges, {@code 1:1-1:7,2:1-2:5}. */
  static final String RANGES = "^(\\d+:\\d+-\\d+:\\d+(?:,\\d+:\\d+-\\d+:\\d+)*)$";

  private static final int[] COUNTS = {
    7, 286, 200, 176, 120, 165, 206, 75, 129, 109, 123, 111, 43, 52, 99, 128, 111, 110, 98, 135,
    112, 78, 118, 64, 77, 227, 93, 88, 69, 60, 34, 30, 73, 54, 45, 83, 182, 88, 75, 85, 54, 53, 89,
    59, 37, 35, 38, 29, 18, 45, 60, 49, 62, 55, 78, 96, 29, 22, 24, 13, 14, 11, 11, 18, 12, 12, 30,
    52, 52, 44, 28, 28, 20, 56, 40, 31, 50, 40, 46, 42, 29, 19, 36, 25, 22, 17, 19, 26, 30, 20, 15,
    21, 11, 8, 8, 19, 5, 8, 8, 11, 11, 8, 3, 9, 5, 4, 7, 3, 6, 3, 5, 4, 5, 6
  };

  /** Index of the first verse of each surah in the whole mushaf (0-based). */
  private static final int[] STARTS = new int[COUNTS.length + 1];

  static {
    for (int i = 0; i < COUNTS.length; i++) {
      STARTS[i + 1] = STARTS[i] + COUNTS[i];
    }
  }

  /** An inclusive range of verses, as absolute 0-based positions in the mushaf. */
  record Range(int from, int to) {
    int verses() {
      return to - from + 1;
    }

    boolean overlaps(Range other) {
      return from <= other.to && other.from <= to;
    }

    @Override
    public String toString() {
      return key(from) + "-" + key(to);
    }
  }

  private Verses() {}

  static boolean valid(int surah, int verse) {
    return surah >= 1 && surah <= COUNTS.length && verse >= 1 && verse <= COUNTS[surah - 1];
  }

  /** The absolute position of {@code 2:255}; 422 naming {@code field} when it is no verse. */
  static int position(String field, String key) {
    String[] parts = key.split(":", -1);
    if (parts.length == 2 && parts[0].matches("\\d{1,3}") && parts[1].matches("\\d{1,3}")) {
      int surah = Integer.parseInt(parts[0]);
      int verse = Integer.parseInt(parts[1]);
      if (valid(surah, verse)) {
        return STARTS[surah - 1] + verse - 1;
      }
    }
    throw ApiProblem.invalid(
        "'" + field + "' must be a verse key such as 2:255, got '" + key + "'.");
  }

  static String key(int position) {
    int surah = 1;
    while (STARTS[surah] <= position) {
      surah++;
    }
    return surah + ":" + (position - STARTS[surah - 1] + 1);
  }

  /** {@code 1:1-2:5}, start not after end; 422 naming {@code field} otherwise. */
  static Range range(String field, String raw) {
    String[] ends = raw.split("-", -1);
    if (ends.length != 2) {
      throw ApiProblem.invalid("'" + field + "' must be a verse range such as 1:1-1:7.");
    }
    Range range = new Range(position(field, ends[0]), position(field, ends[1]));
    if (range.from() > range.to()) {
      throw ApiProblem.invalid("'" + field + "' must not end before it starts: '" + raw + "'.");
    }
    return range;
  }

  /** Comma-separated ranges ({@code 1:1-1:7,2:1-2:5}). */
  static List<Range> ranges(String field, String raw) {
    List<Range> ranges = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      ranges.add(range(field, part));
    }
    return ranges;
  }

  /** {@code range} cut into {@code parts} consecutive pieces, as even as whole verses allow. */
  static List<Range> split(Range range, int parts) {
    List<Range> pieces = new ArrayList<>();
    int size = range.verses();
    int start = range.from();
    for (int i = 0; i < parts && start <= range.to(); i++) {
      int length = (size - (start - range.from()) + (parts - i) - 1) / (parts - i);
      pieces.add(new Range(start, start + length - 1));
      start += length;
    }
    return pieces;
  }
}
