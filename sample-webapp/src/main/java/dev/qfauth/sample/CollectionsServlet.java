package dev.qfauth.sample;

import dev.qfauth.QfApiException;
import dev.qfauth.QfCollection;
import dev.qfauth.QfPage;
import dev.qfauth.QfUserContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.owasp.encoder.Encode;

/**
 * {@code /collections}: the first page of the user's collections from the User API ({@code
 * collection} scope). An API refusal is a normal outcome here: the page says what happened and what
 * to do, with the API's status.
 */
public final class CollectionsServlet extends HttpServlet {
  private static final int PAGE_SIZE = 20;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String home =
        "<p><a href=\"" + Encode.forHtmlAttribute(request.getContextPath()) + "/\">Home</a></p>";
    Optional<QfUserContext> user = QfUserContext.current(request);
    if (user.isEmpty()) {
      // Only reachable when web.xml stops protecting /collections.
      Html.page(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "Your collections",
          "<h1>Your collections</h1>\n<p id=\"api-error\">Sign in first.</p>\n" + home);
      return;
    }
    QfPage<QfCollection> page;
    try {
      page = user.get().api().collections(PAGE_SIZE, null);
    } catch (QfApiException e) {
      Html.page(
          response,
          e.httpStatus(),
          "Your collections",
          "<h1>Your collections</h1>\n" + failure(e) + "\n" + home);
      return;
    }
    Html.page(
        response,
        HttpServletResponse.SC_OK,
        "Your collections",
        "<h1>Your collections</h1>\n" + list(page) + "\n" + home);
  }

  private static String list(QfPage<QfCollection> page) {
    if (page.items().isEmpty()) {
      return "<p id=\"no-collections\">You have no collections yet.</p>";
    }
    StringBuilder html = new StringBuilder("<ul id=\"collections\">\n");
    for (QfCollection c : page.items()) {
      String id = c.id() == null ? "" : c.id();
      html.append("<li data-id=\"")
          .append(Encode.forHtmlAttribute(id))
          .append("\">")
          .append(Encode.forHtml(c.name() == null ? "(unnamed)" : c.name()))
          .append(" <small>id <code>")
          .append(Encode.forHtml(id))
          .append("</code>, ")
          .append(c.bookmarksCount())
          .append(" bookmarks</small></li>\n");
    }
    html.append("</ul>");
    if (page.hasNextPage()) {
      html.append("\n<p>Showing the first ").append(PAGE_SIZE).append(".</p>");
    }
    return html.toString();
  }

  private static String failure(QfApiException e) {
    String what =
        e.remoteStatus() == 403
            ? "Quran.Foundation refused to list your collections (HTTP 403)."
            : "Your collections could not be loaded"
                + (e.remoteStatus() > 0 ? " (HTTP " + e.remoteStatus() + ")." : ".");
    return "<p id=\"api-error\">"
        + Encode.forHtml(what)
        + "</p>\n<p id=\"api-hint\">"
        + Encode.forHtml(e.hint())
        + "</p>\n<p><small>"
        + Encode.forHtml(e.getMessage())
        + "</small></p>";
  }
}
