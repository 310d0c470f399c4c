package dev.qfauth.sample;

import dev.qfauth.QfUserContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.TreeSet;
import org.owasp.encoder.Encode;

/**
 * {@code /}: a sign-in link for visitors; for a signed-in user their name, sub and granted scopes,
 * links to the other pages and a sign-out button. Public (not in {@code QF_PROTECTED_PATHS}).
 */
public final class HomeServlet extends HttpServlet {
  /**
   * Servlet-context attribute set (to {@code Boolean.TRUE}) by the standalone launcher in demo
   * mode: the page then says that sign-in goes to a local stand-in, and as whom.
   */
  static final String DEMO_ATTRIBUTE = "dev.qfauth.sample.demo";

  private static final String DEMO_VISITOR =
      "<strong>Demo mode</strong>: signing in goes to a local Quran.Foundation stand-in running in"
          + " this app. Continue as <code>alice</code> or <code>bilal</code>, or type any name.";
  private static final String DEMO_SIGNED_IN =
      "<strong>Demo mode</strong>: you signed in at a local Quran.Foundation stand-in running in"
          + " this app; your collections, bookmarks, goal and streak come from its User API.";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String app = request.getContextPath();
    Optional<QfUserContext> user = QfUserContext.current(request);
    String body = user.map(u -> signedIn(app, u)).orElseGet(() -> signedOut(app));
    if (Boolean.TRUE.equals(getServletContext().getAttribute(DEMO_ATTRIBUTE))) {
      int afterHeading = body.indexOf("</h1>\n") + "</h1>\n".length();
      body =
          body.substring(0, afterHeading)
              + "<p id=\"demo-notice\" style=\"background:#fff6d5;padding:.5em .8em\">"
              + (user.isPresent() ? DEMO_SIGNED_IN : DEMO_VISITOR)
              + "</p>\n"
              + body.substring(afterHeading);
    }
    Html.page(response, HttpServletResponse.SC_OK, "qf-auth sample", body);
  }

  private static String signedOut(String app) {
    return "<h1>qf-auth sample</h1>\n"
        + "<p>You are not signed in.</p>\n"
        + "<p><a id=\"login\" href=\""
        + Encode.forHtmlAttribute(app)
        + "/login?returnTo=/\">Sign in with Quran.Foundation</a></p>";
  }

  private static String signedIn(String app, QfUserContext user) {
    String a = Encode.forHtmlAttribute(app);
    return "<h1>qf-auth sample</h1>\n"
        + "<p>Signed in as <strong id=\"user-name\">"
        + Encode.forHtml(user.name().orElse("(no name shared)"))
        + "</strong></p>\n<dl>\n<dt>sub</dt><dd><code id=\"user-sub\">"
        + Encode.forHtml(user.sub())
        + "</code></dd>\n<dt>Granted scopes</dt><dd id=\"user-scopes\">"
        + Encode.forHtml(String.join(" ", new TreeSet<>(user.scopes())))
        + "</dd>\n</dl>\n<ul>\n<li><a id=\"me-link\" href=\""
        + a
        + "/me\">Your session as JSON</a></li>\n<li><a id=\"collections-link\" href=\""
        + a
        + "/collections\">Your collections</a></li>\n<li><a id=\"bookmarks-link\" href=\""
        + a
        + "/bookmarks\">Your bookmarks</a></li>\n<li><a id=\"today-link\" href=\""
        + a
        + "/today\">Today's goal and streak</a></li>\n</ul>\n<form method=\"post\" action=\""
        + a
        + "/logout\"><button id=\"logout\" type=\"submit\">Sign out</button></form>";
  }
}
