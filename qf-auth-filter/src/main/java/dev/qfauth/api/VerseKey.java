package dev.qfauth.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ayah, written {@code chapter:verse} as QF writes it ({@code 2:255}).
 *
 * @param chapter the surah, 1..114
 * @param verse the ayah within the surah, 1..286
 */
public record VerseKey(int chapter, int verse) implements Comparable<VerseKey> {
  private static final Pattern FORM = Pattern.compile("(\\d{1,3}):(\\d{1,3})");

  public VerseKey {
    if (chapter < 1 || chapter > 114) {
      throw new IllegalArgumentException("chapter must be 1..114, got " + chapter);
    }
    if (verse < 1 || verse > 286) {
      throw new IllegalArgumentException("verse must be 1..286, got " + verse);
    }
  }

  /**
   * Parses {@code chapter:verse}.
   *
   * @throws IllegalArgumentException when {@code text} is not of that form or out of range
   */
  public static VerseKey parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "a verse key is chapter:verse, e.g. 2:255; got '" + Wire.printable(text) + "'");
    }
    return new VerseKey(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public static VerseKey of(int chapter, int verse) {
    return new VerseKey(chapter, verse);
  }

  @Override
  public int compareTo(VerseKey other) {
    return chapter != other.chapter
        ? Integer.compare(chapter, other.chapter)
        : Integer.compare(verse, other.verse);
  }

  /** {@code chapter:verse}. */
  @Override
  public String toString() {
    return chapter + ":" + verse;
  }
}
