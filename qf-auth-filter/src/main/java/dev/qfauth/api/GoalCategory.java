package dev.qfauth.api;

/** The family a goal belongs to. */
public enum GoalCategory {
  QURAN,
  COURSE,
  QURAN_READING_PROGRAM,
  RAMADAN_CHALLENGE
}
