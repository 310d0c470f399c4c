package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Each user's reading sessions, activity days, goals, preferences, notes and profile edits (the
 * families beyond {@link UserLibrary}'s collections and bookmarks). One monitor guards all users: a
 * family reads and changes a user's {@link State} only inside {@link #with}.
 */
final class UserStore {

  /** One user's data. Mutable; only touched under the store's monitor. */
  static final class State {
    final List<ReadingSession> readingSessions = new ArrayList<>();
    final Map<String, ActivityDay> activityDays = new LinkedHashMap<>();
    final Map<String, Goal> goals = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> preferences = new LinkedHashMap<>();
    final Map<String, Note> notes = new LinkedHashMap<>();
    final Map<String, Object> profile = new LinkedHashMap<>();
    final Map<String, Object> settings = new LinkedHashMap<>();
  }

  /** Where the user was reading; a later save in the same session replaces it, keeping the id. */
  record ReadingSession(String id, Instant updatedAt, int chapterNumber, int verseNumber) {}

  static final class ActivityDay {
    final String id;
    final LocalDate date;
    final String type;
    int seconds;
    int verses;
    Integer mushafId;
    final List<Verses.Range> ranges = new ArrayList<>();

    ActivityDay(String id, LocalDate date, String type) {
      this.id = id;
      this.date = date;
      this.type = type;
    }
  }

  static final class Goal {
    final String id;
    String type;
    Object amount;
    Integer duration;
    final String category;
    LocalDate startDate;
    int mushafId;

    Goal(String id, String category) {
      this.id = id;
      this.category = category;
    }
  }

  static final class Note {
    final String id;
    final long seq;
    final Instant createdAt;
    Instant updatedAt;
    String body;
    final List<Map<String, Object>> attachedEntities = new ArrayList<>();
    final List<String> ranges = new ArrayList<>();
    Integer postId;

    Note(String id, long seq, Instant createdAt) {
      this.id = id;
      this.seq = seq;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }
  }

  private final Stamps stamps;
  private final Map<String, State> states = new HashMap<>();

  UserStore(StandInClock clock, SecureRandom random) {
    this.stamps = new Stamps(clock, random);
  }

  /** Runs {@code action} on {@code username}'s state under the store's monitor. */
  synchronized <T> T with(String username, Function<State, T> action) {
    return action.apply(states.computeIfAbsent(username, u -> new State()));
  }

  /** The stand-in's time, to the millisecond as QF's timestamps are. */
  Instant now() {
    return stamps.now();
  }

  /** A rising number that orders items created in the same millisecond. */
  long nextSeq() {
    return stamps.nextSeq();
  }

  String newId() {
    return stamps.newId();
  }
}
