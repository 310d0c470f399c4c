package dev.qfauth.api;

/** What a goal measures. */
public enum GoalType {
  QURAN_TIME,
  QURAN_PAGES,
  QURAN_RANGE,
  COURSE,
  QURAN_READING_PROGRAM,
  RAMADAN_CHALLENGE
}
