package dev.qfauth.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * A page of the signed-in user's User API data: GET shows it for the user, or answers the 401 page
 * when there is none ({@link SamplePages#userOrSignIn}).
 */
abstract class UserApiPage extends HttpServlet {
  private final String title;

  UserApiPage(String title) {
    this.title = title;
  }

  @Override
  protected final void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Visit> visit = visit(request, response);
    if (visit.isPresent()) {
      show(visit.get());
    }
  }

  /** The signed-in user's visit, or empty once the 401 page is answered. */
  final Optional<Visit> visit(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return SamplePages.userOrSignIn(request, response, title)
        .map(user -> new Visit(request, response, user, title));
  }

  /** Answers the page for the visit's user. */
  abstract void show(Visit visit) throws IOException;
}
