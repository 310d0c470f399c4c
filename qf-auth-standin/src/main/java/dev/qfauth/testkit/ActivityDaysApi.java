package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /auth/v1/activity-days}: what the user read per date and activity type, credited by POST
 * (merged into the day's record; the date defaults to today in {@code x-timezone} and may not be in
 * the future), listed by date, and the reading-time estimate for verse ranges.
 */
record ActivityDaysApi(UserStore store) {
  static final List<String> TYPES =
      List.of(
          "QURAN",
          "LESSON",
          "LEARNING_PLAN",
          "QURAN_READING_PROGRAM",
          "TAFSIR",
          "ANSWERS",
          "HADITH",
          "LAYERS",
          "QIRAAT",
          "AUDIO",
          "REFLECTIONS",
          "LESSONS");

  /** The stand-in's reading speed for the estimate (QF uses Quran.com's observed average). */
  static final int SECONDS_PER_VERSE = 12;

  private static final String BASE = "/auth/v1/activity-days";

  @Route(method = "POST", path = BASE, scope = "activity_day.create")
  private Object credit(ApiCall call) {
    JsonNode body = call.body("date", "type", "seconds", "ranges", "mushafId");
    String type = ApiCall.choice(body, "type", TYPES);
    LocalDate today = call.today();
    LocalDate date =
        ApiCall.present(body, "date")
            ? ApiCall.parseDate("date", ApiCall.text(body, "date"))
            : today;
    if (date.isAfter(today)) {
      throw ApiProblem.invalid("'date' must be today or a past date (today is " + today + ").");
    }
    // The document's one body variant (titled QURAN) carries the reading; a lesson or a program's
    // day is marked with its type (and date) alone.
    boolean marksTheDay =
        !type.equals("QURAN")
            && !ApiCall.present(body, "seconds")
            && !ApiCall.present(body, "ranges")
            && ApiCall.mushaf(body) == null;
    int seconds = marksTheDay ? 0 : ApiCall.integer(body, "seconds", 1);
    List<Verses.Range> ranges = marksTheDay ? List.of() : ranges(body);
    Integer mushafId = ApiCall.mushaf(body);
    if (mushafId == null && !marksTheDay) {
      throw ApiProblem.invalid("'mushafId' is required.");
    }
    return store.with(
        call.username(),
        s -> {
          UserStore.ActivityDay day = credit(s, date, type, seconds, ranges, mushafId);
          return json(s, day);
        });
  }

  /** Adds reading to the day's record of {@code type}, making it if needed. */
  UserStore.ActivityDay credit(
      UserStore.State s,
      LocalDate date,
      String type,
      int seconds,
      List<Verses.Range> ranges,
      Integer mushafId) {
    UserStore.ActivityDay day =
        s.activityDays.computeIfAbsent(
            date + "/" + type, k -> new UserStore.ActivityDay(store.newId(), date, type));
    day.seconds += seconds;
    day.mushafId = mushafId;
    day.ranges.addAll(ranges);
    merge(day.ranges);
    day.verses = day.ranges.stream().mapToInt(Verses.Range::verses).sum();
    return day;
  }

  @Route(method = "GET", path = BASE, scope = "activity_day.read")
  private Object list(ApiCall call) {
    LocalDate from = call.date("from");
    LocalDate to = call.date("to");
    String order = call.choice("dateOrderBy", List.of("asc", "desc"), "desc");
    String type = call.choice("type", TYPES, null);
    List<Map<String, Object>> all =
        store.with(
            call.username(),
            s -> {
              List<UserStore.ActivityDay> days = new ArrayList<>(s.activityDays.values());
              days.removeIf(
                  d ->
                      (type != null && !d.type.equals(type))
                          || (from != null && d.date.isBefore(from))
                          || (to != null && d.date.isAfter(to)));
              Comparator<UserStore.ActivityDay> byDate = Comparator.comparing(d -> d.date);
              days.sort(order.equals("asc") ? byDate : byDate.reversed());
              List<Map<String, Object>> json = new ArrayList<>();
              days.forEach(d -> json.add(json(s, d)));
              return json;
            });
    return ApiReply.page(all, call.query());
  }

  @Route(method = "GET", path = BASE + "/estimate-reading-time", scope = "activity_day.estimate")
  private Object estimate(ApiCall call) {
    String raw = call.required("ranges");
    if (!raw.matches(Verses.RANGES)) {
      throw ApiProblem.invalid("'ranges' must look like 1:1-1:7,2:1-2:5.");
    }
    List<Verses.Range> ranges = new ArrayList<>(Verses.ranges("ranges", raw));
    merge(ranges);
    int verses = ranges.stream().mapToInt(Verses.Range::verses).sum();
    return Map.of("seconds", verses * SECONDS_PER_VERSE);
  }

  private static List<Verses.Range> ranges(JsonNode body) {
    JsonNode node = body.get("ranges");
    if (node == null || !node.isArray()) {
      throw ApiProblem.invalid("'ranges' is required and must be an array of verse ranges.");
    }
    List<Verses.Range> ranges = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || !item.asText().matches(Verses.RANGES)) {
        throw ApiProblem.invalid("'ranges' items must look like 1:1-1:7.");
      }
      ranges.addAll(Verses.ranges("ranges", item.asText()));
    }
    return ranges;
  }

  /** Sorts and joins overlapping or touching ranges in place. */
  static void merge(List<Verses.Range> ranges) {
    ranges.sort(Comparator.comparingInt(Verses.Range::from));
    List<Verses.Range> merged = new ArrayList<>();
    for (Verses.Range r : ranges) {
      Verses.Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.from() <= last.to() + 1) {
        merged.set(merged.size() - 1, new Verses.Range(last.from(), Math.max(last.to(), r.to())));
      } else {
        merged.add(r);
      }
    }
    ranges.clear();
    ranges.addAll(merged);
  }

  /** Pages read, by the mushaf's average of 604 pages for 6,236 verses. */
  static double pages(int verses) {
    return Math.round(verses * 604.0 / 6236.0 * 100) / 100.0;
  }

  static Map<String, Object> json(UserStore.State s, UserStore.ActivityDay day) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", day.id);
    json.put("date", day.date.toString());
    json.put("progress", GoalsApi.progress(s, day));
    json.put("type", day.type);
    json.put("ranges", day.ranges.stream().map(Verses.Range::toString).toList());
    json.put("pagesRead", pages(day.verses));
    json.put("secondsRead", day.seconds);
    json.put("versesRead", day.verses);
    json.put("manuallyAddedSeconds", 0);
    json.put("mushafId", day.mushafId);
    return json;
  }
}
