package dev.qfauth.testkit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /auth/v1/streaks}: runs of consecutive days with Quran activity, derived from the activity
 * days. A streak is ACTIVE while its last day is today or yesterday in {@code x-timezone}, so the
 * same data can be an active streak in one zone and broken in another.
 */
record StreaksApi(UserStore store) {
  private static final String BASE = "/auth/v1/streaks";

  private record Streak(LocalDate start, LocalDate end, boolean active) {
    int days() {
      return (int) (end.toEpochDay() - start.toEpochDay()) + 1;
    }
  }

  @Route(method = "GET", path = BASE, scope = "streak.read")
  private Object list(ApiCall call) {
    LocalDate from = call.date("from");
    LocalDate to = call.date("to");
    call.choice("type", List.of("QURAN"), "QURAN");
    String order = call.choice("sortOrder", List.of("asc", "desc"), "desc");
    String orderBy = call.choice("orderBy", List.of("startDate", "days"), "startDate");
    String status = call.choice("status", List.of("ACTIVE", "BROKEN"), null);
    ZoneId zone = call.zone();
    List<Streak> streaks = streaks(call);
    streaks.removeIf(
        st ->
            (from != null && st.end().isBefore(from))
                || (to != null && st.start().isAfter(to))
                || (status != null && st.active() != status.equals("ACTIVE")));
    Comparator<Streak> by =
        orderBy.equals("days")
            ? Comparator.comparingInt(Streak::days).thenComparing(Streak::start)
            : Comparator.comparing(Streak::start);
    streaks.sort(order.equals("asc") ? by : by.reversed());
    List<Map<String, Object>> json = new ArrayList<>();
    for (Streak st : streaks) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", "streak-" + st.start());
      item.put("startDate", st.start().atStartOfDay(zone).toInstant().toString());
      item.put("endDate", st.end().atStartOfDay(zone).toInstant().toString());
      item.put("type", "QURAN");
      item.put("status", st.active() ? "ACTIVE" : "BROKEN");
      item.put("days", st.days());
      json.add(item);
    }
    return ApiReply.page(json, call.query());
  }

  @Route(method = "GET", path = BASE + "/current-streak-days", scope = "streak.read")
  private Object current(ApiCall call) {
    call.requiredChoice("type", List.of("QURAN"));
    int days = streaks(call).stream().filter(Streak::active).mapToInt(Streak::days).sum();
    return Map.of("days", days);
  }

  /** The user's runs of consecutive Quran days, oldest first. */
  private List<Streak> streaks(ApiCall call) {
    LocalDate today = call.today();
    TreeSet<LocalDate> dates =
        store.with(
            call.username(),
            s -> {
              TreeSet<LocalDate> set = new TreeSet<>();
              s.activityDays.values().stream()
                  .filter(d -> d.type.equals("QURAN"))
                  .forEach(d -> set.add(d.date));
              return set;
            });
    List<Streak> streaks = new ArrayList<>();
    LocalDate start = null;
    LocalDate previous = null;
    for (LocalDate date : dates) {
      if (previous != null && !date.equals(previous.plusDays(1))) {
        streaks.add(streak(start, previous, today));
        start = null;
      }
      start = start == null ? date : start;
      previous = date;
    }
    if (previous != null) {
      streaks.add(streak(start, previous, today));
    }
    return streaks;
  }

  private static Streak streak(LocalDate start, LocalDate end, LocalDate today) {
    return new Streak(start, end, !end.isBefore(today.minusDays(1)));
  }
}
