package dev.qfauth.sample;

import dev.qfauth.QfUserContext;
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

  /** The page's title, its heading too. */
  final String title() {
    return title;
  }

  @Override
  protected final void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<QfUserContext> user = SamplePages.userOrSignIn(request, response, title);
    if (user.isPresent()) {
      show(request, response, user.get());
    }
  }

  /** Answers the page for {@code user}. */
  abstract void show(HttpServletRequest request, HttpServletResponse response, QfUserContext user)
      throws IOException;
}
