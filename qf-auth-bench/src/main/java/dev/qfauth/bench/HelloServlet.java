package dev.qfauth.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * The app behind every set-up: says hello, and counts requests served and how many of them carried
 * a signed-in user ({@code getUserPrincipal() != null}), so a run can prove that every measured
 * request of (b) and (c) really was a logged-in one (wrk counts a 302 to the login page as a
 * success).
 */
final class HelloServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

  static final LongAdder SERVED = new LongAdder();
  static final LongAdder WITH_USER = new LongAdder();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    SERVED.increment();
    if (request.getUserPrincipal() != null) {
      WITH_USER.increment();
    }
    response.setContentType("text/plain");
    response.setContentLength(HELLO.length);
    response.getOutputStream().write(HELLO);
  }
}
