package dev.qfauth.api;

import java.util.Locale;

/** What a bookmark points at. */
public enum BookmarkType {
  PAGE,
  JUZ,
  SURAH,
  AYAH;

  /** The API's spelling: {@code page}, {@code juz}, {@code surah}, {@code ayah}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wire();
  }

  static BookmarkType orNull(String wire) {
    return Wire.constant(BookmarkType.class, wire == null ? null : wire.toUpperCase(Locale.ROOT));
  }
}
