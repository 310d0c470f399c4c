package dev.qfauth.api;

/** The kind of activity an activity day or a goal's plan counts. */
public enum ActivityType {
  QURAN,
  LESSON,
  LEARNING_PLAN,
  QURAN_READING_PROGRAM,
  TAFSIR,
  ANSWERS,
  HADITH,
  LAYERS,
  QIRAAT,
  AUDIO,
  REFLECTIONS,
  LESSONS
}
