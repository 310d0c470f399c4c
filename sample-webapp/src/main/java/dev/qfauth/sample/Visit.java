package dev.qfauth.sample;

import dev.qfauth.QfApiException;
import dev.qfauth.QfUserContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One request for a {@link UserApiPage} by a signed-in user, with the page's title: what every
 * answer of the page needs, passed as one.
 */
record Visit(
    HttpServletRequest request, HttpServletResponse response, QfUserContext user, String title) {

  /** Answers {@code content} under the page's title ({@link SamplePages#page}). */
  void answer(int status, String content) throws IOException {
    SamplePages.page(request, response, status, title, content);
  }

  /** Answers a User API call that failed, after {@code before} ({@link SamplePages#failed}). */
  void failed(CharSequence before, String what, QfApiException e) throws IOException {
    SamplePages.failed(request, response, title, before, what, e);
  }
}
