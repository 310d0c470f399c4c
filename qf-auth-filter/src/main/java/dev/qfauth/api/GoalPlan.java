package dev.qfauth.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A goal to create, update or estimate: its type, amount (a number, or a verse range for {@link
 * GoalType#QURAN_RANGE}), optional duration in days, and category. Immutable.
 *
 * <pre>{@code
 * GoalPlan.of(GoalType.QURAN_PAGES, 2, GoalCategory.QURAN)
 * GoalPlan.range(VerseRange.parse("1:1-2:286"), GoalCategory.QURAN).withDuration(30)
 * }</pre>
 */
public final class GoalPlan {
  private final GoalType type;
  private final Object amount;
  private final Integer duration;
  private final GoalCategory category;

  private GoalPlan(GoalType type, Object amount, Integer duration, GoalCategory category) {
    this.type = Objects.requireNonNull(type, "type");
    this.amount = amount;
    this.category = Objects.requireNonNull(category, "category");
    if (duration != null && duration < 1) {
      throw new IllegalArgumentException("duration must be at least 1 day, got " + duration);
    }
    this.duration = duration;
  }

  /** A goal counted in a number (seconds, pages, ...), at least 1. */
  public static GoalPlan of(GoalType type, int amount, GoalCategory category) {
    if (amount < 1) {
      throw new IllegalArgumentException("a goal's amount must be at least 1, got " + amount);
    }
    if (type == GoalType.QURAN_RANGE) {
      throw new IllegalArgumentException(
          "a QURAN_RANGE goal's amount is a verse range: use range()");
    }
    return new GoalPlan(type, amount, null, category);
  }

  /** A {@link GoalType#QURAN_RANGE} goal over {@code range}. */
  public static GoalPlan range(VerseRange range, GoalCategory category) {
    return new GoalPlan(
        GoalType.QURAN_RANGE, Objects.requireNonNull(range, "range").toString(), null, category);
  }

  /** The same plan over {@code days} days. */
  public GoalPlan withDuration(int days) {
    return new GoalPlan(type, amount, days, category);
  }

  public GoalType type() {
    return type;
  }

  /** The amount as QF takes it: a number, or a range as {@code 1:1-2:286}. */
  public String amount() {
    return amount.toString();
  }

  /** Days, or {@code null} for none. */
  public Integer duration() {
    return duration;
  }

  public GoalCategory category() {
    return category;
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.name());
    body.put("amount", amount);
    if (duration != null) {
      body.put("duration", duration);
    }
    body.put("category", category.name());
    return body;
  }
}
