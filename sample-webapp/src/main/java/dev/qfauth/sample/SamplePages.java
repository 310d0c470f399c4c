package dev.qfauth.sample;

import dev.qfauth.QfApiException;
import dev.qfauth.QfUserContext;
import dev.qfauth.api.Mushaf;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.owasp.encoder.Encode;

/** What the User API pages share: the mushaf, the withheld-scope note, API failures, CSRF. */
final class SamplePages {
  /** The mushaf whose page and juz numbers the sample's bookmarks use. */
  static final Mushaf MUSHAF = Mushaf.UTHMANI_HAFS;

  /** How many items a page asks the User API for at a time. */
  static final int PAGE_SIZE = 20;

  private SamplePages() {}

  static String homeLink(HttpServletRequest request) {
    return "<p><a href=\"" + Encode.forHtml(request.getContextPath()) + "/\">Home</a></p>";
  }

  /**
   * Answers one of the User API pages: {@code title} (a constant, not escaped) as its heading, then
   * {@code content}, then the link home.
   */
  static void page(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String title,
      String content)
      throws IOException {
    Html.page(response, status, title, "<h1>" + title + "</h1>\n" + content + homeLink(request));
  }

  /**
   * The signed-in user, or empty once the 401 page is answered: reachable only when web.xml stops
   * protecting a User API page.
   */
  static Optional<QfUserContext> userOrSignIn(
      HttpServletRequest request, HttpServletResponse response, String title) throws IOException {
    Optional<QfUserContext> user = QfUserContext.current(request);
    if (user.isEmpty()) {
      page(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          title,
          "<p id=\"api-error\">Sign in first.</p>\n");
    }
    return user;
  }

  /**
   * The note in place of a feature whose scope the user did not grant at sign-in. The SDK would
   * refuse the call anyway ({@code API_FORBIDDEN}, before any request); checking first lets the
   * page hide the feature instead of showing an error.
   */
  static String withheld(String id, String feature, String scope) {
    return "<p id=\""
        + Encode.forHtml(id)
        + "\" class=\"withheld\"><em>"
        + Encode.forHtml(feature)
        + " is hidden: you did not allow this app to use your "
        + Encode.forHtml(scope)
        + " data when you signed in. Sign out and in again to allow it.</em></p>";
  }

  /**
   * Answers the page of a User API call that failed: {@code before}, then {@link #failure}, with
   * the API's status mapped to the page's.
   */
  static void failed(
      HttpServletRequest request,
      HttpServletResponse response,
      String title,
      CharSequence before,
      String what,
      QfApiException e)
      throws IOException {
    page(request, response, e.httpStatus(), title, before + failure(what, e) + "\n");
  }

  /** An API failure as the page shows it: what happened, what to do, no response body. */
  static String failure(String what, QfApiException e) {
    String status = e.remoteStatus() > 0 ? " (HTTP " + e.remoteStatus() + ")." : ".";
    return "<p id=\"api-error\">"
        + Encode.forHtml(what + status)
        + "</p>\n<p id=\"api-hint\">"
        + Encode.forHtml(e.hint())
        + "</p>\n<p><small>"
        + Encode.forHtml(e.getMessage())
        + "</small></p>";
  }

  /**
   * Whether a POST came from one of this app's own pages (CSRF defence for the sample's forms; the
   * filter protects only its own endpoints). Fetch metadata first: a browser that sends {@code
   * Sec-Fetch-Site} says where the form was. Otherwise the {@code Origin} header must name this
   * app's origin as the browser addressed it. A request with neither is refused: every browser that
   * can sign in to QF sends {@code Origin} on a form POST.
   */
  static boolean sameOrigin(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      return "same-origin".equals(site);
    }
    String origin = request.getHeader("Origin");
    String host = request.getHeader("Host");
    if (origin == null || host == null) {
      return false;
    }
    String own = request.getScheme() + "://" + host;
    return origin.toLowerCase(Locale.ROOT).equals(own.toLowerCase(Locale.ROOT));
  }
}
