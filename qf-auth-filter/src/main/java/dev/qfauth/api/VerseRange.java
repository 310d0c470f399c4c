package dev.qfauth.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive run of ayahs, written {@code 1:1-1:7} as QF writes it.
 *
 * @param from the first ayah
 * @param to the last ayah, not before {@code from}
 */
public record VerseRange(VerseKey from, VerseKey to) {
  public VerseRange {
    if (from == null || to == null) {
      throw new IllegalArgumentException("a verse range needs both ends");
    }
    if (to.compareTo(from) < 0) {
      throw new IllegalArgumentException(
          "a verse range must not end before it starts: " + from + "-" + to);
    }
  }

  /** One ayah as a range. */
  public static VerseRange of(VerseKey only) {
    return new VerseRange(only, only);
  }

  public static VerseRange of(VerseKey from, VerseKey to) {
    return new VerseRange(from, to);
  }

  /**
   * Parses {@code chapter:verse-chapter:verse}.
   *
   * @throws IllegalArgumentException when {@code text} is not of that form
   */
  public static VerseRange parse(String text) {
    int dash = text == null ? -1 : text.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException(
          "a verse range is chapter:verse-chapter:verse, e.g. 1:1-1:7; got '"
              + Wire.printable(text)
              + "'");
    }
    return new VerseRange(
        VerseKey.parse(text.substring(0, dash)), VerseKey.parse(text.substring(dash + 1)));
  }

  /** Each of QF's range strings, which may hold several ranges joined by commas. */
  static List<VerseRange> parseAll(List<String> texts) {
    List<VerseRange> out = new ArrayList<>();
    for (String text : texts) {
      for (String one : text.split(",")) {
        if (!one.isBlank()) {
          out.add(parse(one.trim()));
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code from-to}, e.g. {@code 1:1-1:7}. */
  @Override
  public String toString() {
    return from + "-" + to;
  }
}
