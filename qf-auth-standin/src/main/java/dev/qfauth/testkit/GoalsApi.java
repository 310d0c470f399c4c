package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /auth/v1/goals}: one goal per category (create, update, delete), today's plan for the
 * Quran goal (today in {@code x-timezone}, progress from today's activity day), and a week's
 * estimate of the daily amount.
 */
record GoalsApi(UserStore store) {
  static final List<String> TYPES =
      List.of(
          "QURAN_TIME",
          "QURAN_PAGES",
          "QURAN_RANGE",
          "COURSE",
          "QURAN_READING_PROGRAM",
          "RAMADAN_CHALLENGE");
  static final List<String> CATEGORIES =
      List.of("QURAN", "COURSE", "QURAN_READING_PROGRAM", "RAMADAN_CHALLENGE");

  private static final String BASE = "/auth/v1/goals";

  @Route(method = "POST", path = BASE, scope = "goal.create")
  private Object create(ApiCall call) {
    int mushafId = call.mushafId();
    JsonNode body = call.body("type", "amount", "duration", "category");
    String type = ApiCall.choice(body, "type", TYPES);
    String category = ApiCall.choice(body, "category", CATEGORIES);
    Object amount = amount(type, body.get("amount"));
    Integer duration = duration(body);
    matches(type, category);
    LocalDate today = call.today();
    return store.with(
        call.username(),
        s -> {
          if (s.goals.containsKey(category)) {
            throw ApiProblem.invalid(
                "A " + category + " goal exists already; update or delete it first.");
          }
          UserStore.Goal goal = new UserStore.Goal(store.newId(), category);
          goal.type = type;
          goal.amount = amount;
          goal.duration = duration;
          goal.startDate = today;
          goal.mushafId = mushafId;
          s.goals.put(category, goal);
          return Map.of("id", goal.id);
        });
  }

  @Route(method = "PUT", path = BASE + "/{id}", scope = "goal.update")
  private Object update(ApiCall call) {
    int mushafId = call.mushafId();
    JsonNode body = call.body("type", "amount", "duration", "category");
    String type = ApiCall.present(body, "type") ? ApiCall.choice(body, "type", TYPES) : null;
    String category =
        ApiCall.present(body, "category") ? ApiCall.choice(body, "category", CATEGORIES) : null;
    Integer duration = duration(body);
    return store.with(
        call.username(),
        s -> {
          UserStore.Goal goal = byId(s, call.variable("id"));
          if (category != null && !category.equals(goal.category)) {
            throw ApiProblem.invalid("A goal's 'category' cannot change.");
          }
          String newType = type == null ? goal.type : type;
          matches(newType, goal.category);
          Object amount = body.has("amount") ? amount(newType, body.get("amount")) : goal.amount;
          if (type != null && !body.has("amount") && !sameKind(goal.type, type)) {
            throw ApiProblem.invalid("Changing 'type' to " + type + " needs a new 'amount'.");
          }
          goal.type = newType;
          goal.amount = amount;
          goal.mushafId = mushafId;
          if (body.has("duration")) {
            goal.duration = duration;
          }
          return Map.of();
        });
  }

  @Route(method = "DELETE", path = BASE + "/{id}", scope = "goal.delete")
  private Object delete(ApiCall call) {
    String category = call.requiredChoice("category", CATEGORIES);
    return store.with(
        call.username(),
        s -> {
          UserStore.Goal goal = byId(s, call.variable("id"));
          if (!goal.category.equals(category)) {
            throw ApiProblem.notFound();
          }
          s.goals.remove(category);
          return ApiReply.message("goal deleted");
        });
  }

  @Route(method = "GET", path = BASE + "/get-todays-plan", scope = "goal.read")
  private Object todaysPlan(ApiCall call) {
    String type = call.requiredChoice("type", TYPES.subList(0, 3));
    call.mushafId();
    LocalDate today = call.today();
    return store.with(
        call.username(),
        s -> {
          UserStore.Goal goal = s.goals.get("QURAN");
          UserStore.ActivityDay day = s.activityDays.get(today + "/QURAN");
          Map<String, Object> plan = new LinkedHashMap<>();
          if (day != null) {
            plan.putAll(ActivityDaysApi.json(s, day));
          } else {
            plan.put("date", today.toString());
            plan.put("progress", 0);
            plan.put("type", "QURAN");
          }
          boolean hasGoal = goal != null && goal.type.equals(type);
          if (hasGoal) {
            plan.putAll(target(goal));
            plan.put("goalId", goal.id);
          }
          plan.put("hasGoal", hasGoal);
          return plan;
        });
  }

  @Route(method = "GET", path = BASE + "/estimate", scope = "goal.estimate")
  private Object estimate(ApiCall call) {
    String type = call.requiredChoice("type", TYPES);
    String raw = call.required("amount");
    Object amount = raw.matches("\\d{1,9}") ? (Object) Integer.valueOf(raw) : raw;
    amount = amount(type, Responses.JSON.valueToTree(amount));
    Integer duration = call.integer("duration", 1, 36500);
    call.mushafId();
    ZoneId zone = call.zone();
    LocalDate today = call.today();
    List<Object> daily = daily(type, amount, duration);
    List<Map<String, Object>> week = new ArrayList<>();
    for (int i = 0; i < Math.min(7, daily.size()); i++) {
      Map<String, Object> day = new LinkedHashMap<>();
      day.put("date", today.plusDays(i).atStartOfDay(zone).toInstant().toString());
      day.put("amount", daily.get(i));
      week.add(day);
    }
    return Map.of("week", week);
  }

  /** The daily amounts of a goal: seconds or pages split evenly, or a range cut in pieces. */
  private static List<Object> daily(String type, Object amount, Integer duration) {
    int days = duration == null ? 7 : duration;
    List<Object> daily = new ArrayList<>();
    if (amount instanceof String range) {
      List<Verses.Range> pieces = Verses.split(Verses.range("amount", range), days);
      pieces.forEach(p -> daily.add(p.toString()));
      return daily;
    }
    int total = (Integer) amount;
    int each = duration == null ? total : (total + duration - 1) / duration;
    for (int i = 0; i < Math.min(days, 7); i++) {
      daily.add(each);
    }
    return daily;
  }

  /** Today's progress against the Quran goal, 0 to 1; 0 without a goal. */
  static double progress(UserStore.State s, UserStore.ActivityDay day) {
    UserStore.Goal goal = s.goals.get("QURAN");
    if (goal == null || !day.type.equals("QURAN")) {
      return 0;
    }
    double done;
    double target;
    if (goal.amount instanceof String range) {
      done = day.verses;
      target =
          Verses.split(Verses.range("amount", range), goal.duration == null ? 1 : goal.duration)
              .get(0)
              .verses();
    } else {
      int amount = (Integer) goal.amount;
      target = goal.duration == null ? amount : Math.ceil((double) amount / goal.duration);
      done = goal.type.equals("QURAN_PAGES") ? ActivityDaysApi.pages(day.verses) : day.seconds;
    }
    return Math.min(1.0, Math.round(done / target * 1000) / 1000.0);
  }

  private static Map<String, Object> target(UserStore.Goal goal) {
    Object daily = daily(goal.type, goal.amount, goal.duration).get(0);
    return switch (goal.type) {
      case "QURAN_TIME" -> Map.of("dailyTargetSeconds", daily);
      case "QURAN_PAGES" -> Map.of("dailyTargetPages", daily);
      default -> Map.of("dailyTargetRanges", List.of(daily));
    };
  }

  /** A range string for QURAN_RANGE, else a whole number at least 1. */
  private static Object amount(String type, JsonNode node) {
    if (node == null || node.isNull()) {
      throw ApiProblem.invalid("'amount' is required.");
    }
    if (type.equals("QURAN_RANGE")) {
      if (!node.isTextual() || !node.asText().matches(Verses.RANGE)) {
        throw ApiProblem.invalid("'amount' of a QURAN_RANGE goal must be a range like 1:1-2:10.");
      }
      Verses.range("amount", node.asText());
      return node.asText();
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw ApiProblem.invalid("'amount' of a " + type + " goal must be an integer of at least 1.");
    }
    return node.asInt();
  }

  private static Integer duration(JsonNode body) {
    return ApiCall.present(body, "duration") ? ApiCall.integer(body, "duration", 1) : null;
  }

  /** QURAN_* goals belong to the QURAN category; the others to the category of their name. */
  private static void matches(String type, String category) {
    String expected =
        type.startsWith("QURAN_") && !type.equals("QURAN_READING_PROGRAM") ? "QURAN" : type;
    if (!expected.equals(category)) {
      throw ApiProblem.invalid("A " + type + " goal belongs to the " + expected + " category.");
    }
  }

  private static boolean sameKind(String a, String b) {
    return a.equals("QURAN_RANGE") == b.equals("QURAN_RANGE");
  }

  private static UserStore.Goal byId(UserStore.State s, String id) {
    return s.goals.values().stream()
        .filter(g -> g.id.equals(id))
        .findFirst()
        .orElseThrow(ApiProblem::notFound);
  }

  /** Sets a goal directly, for seeding. */
  void seed(String username, String type, Object amount, Integer duration, LocalDate start) {
    store.with(
        username,
        s -> {
          UserStore.Goal goal = new UserStore.Goal(store.newId(), "QURAN");
          goal.type = type;
          goal.amount = amount;
          goal.duration = duration;
          goal.startDate = start;
          goal.mushafId = 4;
          return s.goals.put("QURAN", goal);
        });
  }
}
