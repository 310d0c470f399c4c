package dev.qfauth.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a bookmark points at, as QF identifies it by details: an ayah, surah, juz or page in a
 * mushaf. Checked when made, so a malformed target never reaches the network.
 *
 * <pre>{@code
 * BookmarkTarget.ayah(VerseKey.parse("2:255"), Mushaf.UTHMANI_HAFS)
 * BookmarkTarget.surah(18, Mushaf.UTHMANI_HAFS)
 * }</pre>
 */
public record BookmarkTarget(BookmarkType type, int key, Integer verseNumber, Mushaf mushaf) {
  public BookmarkTarget {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mushaf, "mushaf");
    switch (type) {
      case AYAH -> {
        if (verseNumber == null) {
          throw new IllegalArgumentException("an ayah bookmark needs a verse number");
        }
        VerseKey.of(key, verseNumber); // range check
      }
      case SURAH -> within("surah", key, 114, verseNumber);
      case JUZ -> within("juz", key, 30, verseNumber);
      case PAGE -> within("page", key, 1000, verseNumber);
    }
  }

  private static void within(String what, int key, int max, Integer verseNumber) {
    if (key < 1 || key > max) {
      throw new IllegalArgumentException(what + " must be 1.." + max + ", got " + key);
    }
    if (verseNumber != null) {
      throw new IllegalArgumentException("only an ayah bookmark has a verse number");
    }
  }

  public static BookmarkTarget ayah(VerseKey verse, Mushaf mushaf) {
    return new BookmarkTarget(BookmarkType.AYAH, verse.chapter(), verse.verse(), mushaf);
  }

  public static BookmarkTarget surah(int surah, Mushaf mushaf) {
    return new BookmarkTarget(BookmarkType.SURAH, surah, null, mushaf);
  }

  public static BookmarkTarget juz(int juz, Mushaf mushaf) {
    return new BookmarkTarget(BookmarkType.JUZ, juz, null, mushaf);
  }

  public static BookmarkTarget page(int page, Mushaf mushaf) {
    return new BookmarkTarget(BookmarkType.PAGE, page, null, mushaf);
  }

  /** {@code {key, type, verseNumber?, mushafId}}, the body QF takes. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", key);
    body.put("type", type.wire());
    if (verseNumber != null) {
      body.put("verseNumber", verseNumber);
    }
    body.put("mushafId", mushaf.id());
    return body;
  }
}
