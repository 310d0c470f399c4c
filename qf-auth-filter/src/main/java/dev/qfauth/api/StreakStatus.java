package dev.qfauth.api;

/** Whether a streak still runs. */
public enum StreakStatus {
  ACTIVE,
  BROKEN
}
