package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;

/**
 * {@code /logout}. Only a same-origin POST signs out: a GET (which any site can trigger with a link
 * or an image) shows a confirmation button instead, and a POST from another origin is refused.
 */
final class LogoutHandler {
  private final QfAuthCore core;
  private final Cookies cookies;
  private final String ownOrigin;

  LogoutHandler(QfAuthCore core, Cookies cookies) {
    this.core = core;
    this.cookies = cookies;
    URI redirect = core.config().redirectUri();
    this.ownOrigin = redirect.getScheme() + "://" + redirect.getRawAuthority();
  }

  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // A repeated cookie names no session (Cookies.Jar): only the cookies are cleared.
    String handle = cookies.read(request).session();
    String afterLogout = request.getContextPath() + core.config().afterLogoutPath();
    if (!"POST".equals(request.getMethod())) {
      if (handle == null || core.session(handle).isEmpty()) {
        Responses.redirect(response, afterLogout);
        return;
      }
      String action = Redaction.html(request.getContextPath() + core.config().logoutPath());
      Responses.html(
          response,
          200,
          "Sign out",
          "<h1>Sign out?</h1><form method=\"post\" action=\""
              + action
              + "\">"
              + "<button id=\"confirm-logout\" type=\"submit\">Sign out</button></form>");
      return;
    }
    if (crossSite(request)) {
      Responses.error(
          request,
          response,
          new QfAuthException(
              QfErrorCode.FORBIDDEN_ORIGIN, "Sign-out was requested by another site and refused."),
          null);
      return;
    }
    URI endSession = core.logout(handle);
    cookies.clear(request, response, cookies.session());
    HttpSession containerSession = request.getSession(false);
    if (containerSession != null) {
      containerSession.invalidate();
    }
    if (Responses.wantsJson(request)) {
      Responses.json(
          response,
          200,
          java.util.Map.of(
              "signedOut",
              true,
              "location",
              endSession != null ? endSession.toString() : afterLogout));
      return;
    }
    Responses.noStore(response);
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", endSession != null ? endSession.toString() : afterLogout);
  }

  /**
   * Fetch metadata first, then Origin; a request with neither is not from a modern browser page.
   */
  private boolean crossSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !"same-origin".equals(site) && !"none".equals(site)) {
      return true;
    }
    String origin = request.getHeader("Origin");
    return origin != null && !origin.equalsIgnoreCase(ownOrigin);
  }
}
