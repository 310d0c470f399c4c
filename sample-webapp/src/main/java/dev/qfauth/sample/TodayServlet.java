package dev.qfauth.sample;

import dev.qfauth.QfApiException;
import dev.qfauth.QfUserContext;
import dev.qfauth.api.DayProgress;
import dev.qfauth.api.GoalType;
import dev.qfauth.api.TodaysPlan;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /today}: today's plan of the user's daily reading-time goal ({@code goal} scope) and their
 * current streak ({@code streak} scope), each hidden with a note when the user withheld its scope.
 */
public final class TodayServlet extends UserApiPage {

  public TodayServlet() {
    super("Today");
  }

  @Override
  void show(HttpServletRequest request, HttpServletResponse response, QfUserContext user)
      throws IOException {
    String goal;
    String streak;
    try {
      goal =
          user.hasScope("goal.read")
              ? goal(user.api().goals().todaysPlan(GoalType.QURAN_TIME, SamplePages.MUSHAF))
              : SamplePages.withheld("goal-withheld", "Your daily goal", "goal");
      streak =
          user.hasScope("streak.read")
              ? streak(user.api().streaks().currentDays())
              : SamplePages.withheld("streak-withheld", "Your streak", "streak");
    } catch (QfApiException e) {
      SamplePages.failed(
          request, response, title(), "", "Today's goal and streak could not be loaded", e);
      return;
    }
    SamplePages.page(
        request,
        response,
        HttpServletResponse.SC_OK,
        title(),
        "<h2>Today's goal</h2>\n" + goal + "\n<h2>Streak</h2>\n" + streak + "\n");
  }

  private static String goal(TodaysPlan plan) {
    if (!plan.hasGoal()) {
      return "<p id=\"goal\">You have no daily reading goal yet.</p>";
    }
    DayProgress today = plan.today();
    int target = today.dailyTargetSeconds() == null ? 0 : today.dailyTargetSeconds();
    int read = today.secondsRead() == null ? 0 : today.secondsRead();
    long percent = Math.round(Math.min(1, Math.max(0, today.progress())) * 100);
    return "<p id=\"goal\">Read for "
        + minutes(target)
        + " today: "
        + minutes(read)
        + " so far ("
        + percent
        + "%).</p>";
  }

  private static String streak(int days) {
    return "<p id=\"streak\">"
        + (days == 1 ? "1 day" : days + " days")
        + " in a row of reading the Quran.</p>";
  }

  private static String minutes(int seconds) {
    int minutes = seconds / 60;
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
