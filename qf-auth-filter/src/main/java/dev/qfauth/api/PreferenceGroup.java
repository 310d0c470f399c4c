package dev.qfauth.api;

/** A group of the user's Quran.com preferences, spelled as QF spells it ({@link #wire()}). */
public enum PreferenceGroup {
  TAFSIRS("tafsirs"),
  TRANSLATIONS("translations"),
  AUDIO("audio"),
  THEME("theme"),
  QURAN_READER_STYLES("quranReaderStyles"),
  READING("reading"),
  LANGUAGE("language"),
  USER_HAS_CUSTOMISED("userHasCustomised");

  private final String wire;

  PreferenceGroup(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
