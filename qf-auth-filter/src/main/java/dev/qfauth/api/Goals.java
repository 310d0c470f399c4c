package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * The user's reading goals ({@code goal} scope). Every goal operation sends {@code x-timezone} when
 * the client has a zone, so "today" is the user's today. Thread-safe.
 */
public final class Goals {
  private final QfApiClient api;

  public Goals(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /**
   * Today's plan for the user's goal of {@code type} ({@code QURAN_TIME}, {@code QURAN_PAGES} or
   * {@code QURAN_RANGE}).
   */
  @Calls(Operation.GOALS_TODAYS_PLAN)
  public TodaysPlan todaysPlan(GoalType type, Mushaf mushaf) {
    if (type != GoalType.QURAN_TIME
        && type != GoalType.QURAN_PAGES
        && type != GoalType.QURAN_RANGE) {
      throw new IllegalArgumentException(
          "today's plan is for QURAN_TIME, QURAN_PAGES or QURAN_RANGE goals, got " + type);
    }
    QfApiRequest request =
        Operation.GOALS_TODAYS_PLAN
            .request()
            .query("type", type.name())
            .query("mushafId", mushaf.id())
            .build();
    return TodaysPlan.from(Wire.data(api.send(request)));
  }

  /** What each day of the coming week would ask for {@code plan}. */
  @Calls(Operation.GOALS_ESTIMATE)
  public List<EstimateDay> estimate(GoalPlan plan, Mushaf mushaf) {
    QfApiRequest request =
        Operation.GOALS_ESTIMATE
            .request()
            .query("type", plan.type().name())
            .query("amount", plan.amount())
            .query("duration", plan.duration())
            .query("mushafId", mushaf.id())
            .build();
    return EstimateDay.week(Wire.data(api.send(request)));
  }

  /** Creates a goal; returns its id. Never retried: a retry could make a second goal. */
  @Calls(Operation.GOALS_CREATE)
  public String create(GoalPlan plan, Mushaf mushaf) {
    JsonNode data =
        Wire.data(
            api.send(
                Operation.GOALS_CREATE
                    .request()
                    .query("mushafId", mushaf.id())
                    .body(plan.body())
                    .build()));
    return Wire.text(data, "id");
  }

  /** Replaces goal {@code goalId}'s plan. */
  @Calls(Operation.GOALS_UPDATE)
  public void update(String goalId, GoalPlan plan, Mushaf mushaf) {
    api.send(
        Operation.GOALS_UPDATE
            .request(goalId)
            .query("mushafId", mushaf.id())
            .body(plan.body())
            .build());
  }

  /** Deletes goal {@code goalId} of {@code category}. */
  @Calls(Operation.GOALS_DELETE)
  public void delete(String goalId, GoalCategory category) {
    api.send(Operation.GOALS_DELETE.request(goalId).query("category", category.name()).build());
  }
}
