package dev.qfauth.testkit;

import static dev.qfauth.testkit.Responses.escapeHtml;

import java.util.List;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * The stand-in's HTML: the sign-in page and error pages. Element ids are a contract for browser
 * tests: {@code username} (text input), {@code sign-in} (its submit button), {@code user-NAME} (one
 * button per registered user), {@code deny}, and {@code error} / {@code error-description} on error
 * pages.
 */
final class LoginPage {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}"
          + "button{display:block;width:100%;margin:.4rem 0;padding:.6rem;font-size:1rem}"
          + "input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}"
          + ".note{color:#555}.problem{color:#a00}";

  private LoginPage() {}

  static String render(
      AuthorizeEndpoint.Pending request,
      String challenge,
      List<QfTestUser> users,
      String prefill,
      String problem) {
    StringBuilder html = new StringBuilder(2048);
    html.append(head("Sign in"))
        .append("<h1>Sign in to Quran.Foundation</h1>")
        .append(
            "<p class=\"note\">Local stand-in, not the real QF. Application <code"
                + " id=\"client-id\">")
        .append(escapeHtml(request.client().clientId()))
        .append("</code> asks for: <code id=\"requested-scope\">")
        .append(escapeHtml(Scopes.join(request.scopes())))
        .append("</code></p>");
    if (problem != null) {
      html.append("<p class=\"problem\" id=\"problem\">")
          .append(escapeHtml(problem))
          .append("</p>");
    }
    // Two forms, so pressing Enter in the text field submits the typed name, not the first user.
    html.append("<form method=\"post\" action=\"")
        .append(Endpoints.LOGIN)
        .append("\">")
        .append(hiddenChallenge(challenge))
        .append("<label for=\"username\">User name</label>")
        .append(
            "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\""
                + " value=\"")
        .append(escapeHtml(prefill))
        .append("\" autofocus>")
        .append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form>");
    html.append("<form method=\"post\" action=\"")
        .append(Endpoints.LOGIN)
        .append("\">")
        .append(hiddenChallenge(challenge));
    if (!users.isEmpty()) {
      html.append("<p>Or continue as:</p>");
    }
    for (QfTestUser user : users) {
      html.append("<button type=\"submit\" name=\"user\" value=\"")
          .append(escapeHtml(user.username()))
          .append("\" id=\"user-")
          .append(escapeHtml(idFragment(user.username())))
          .append("\">")
          .append(escapeHtml(user.name() == null ? user.username() : user.name()))
          .append(user.email() == null ? "" : " &lt;" + escapeHtml(user.email()) + "&gt;")
          .append("</button>");
    }
    html.append(
            "<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Deny"
                + " access</button>")
        .append("</form></body></html>");
    return html.toString();
  }

  static OAuth2HttpResponse error(OAuthError error) {
    String html =
        head("Error")
            + "<h1>The request could not be completed</h1>"
            + "<p><code id=\"error\">"
            + escapeHtml(error.error())
            + "</code></p><p id=\"error-description\">"
            + escapeHtml(error.fullDescription())
            + "</p></body></html>";
    return Responses.html(error.status(), html);
  }

  static OAuth2HttpResponse signedOut() {
    return Responses.html(
        200, head("Signed out") + "<h1 id=\"signed-out\">You are signed out.</h1></body></html>");
  }

  private static String head(String title) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + title
        + " - QF stand-in</title><style>"
        + STYLE
        + "</style></head><body>";
  }

  private static String hiddenChallenge(String challenge) {
    return "<input type=\"hidden\" name=\"login_challenge\" value=\""
        + escapeHtml(challenge)
        + "\">";
  }

  /**
   * A user name made safe for an HTML id: anything but letters, digits, '-' and '_' becomes '-'.
   */
  static String idFragment(String username) {
    return username.replaceAll("[^A-Za-z0-9_-]", "-");
  }
}
