package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the filter's own answers: errors as a small HTML page for browsers and as JSON for API
 * clients, each with status, a message and a hint, and never a token, code or secret (messages are
 * built from checked, redacted parts only).
 */
final class Responses {
  private Responses() {}

  /**
   * True when the caller is a script or API client rather than a page navigation: X-Requested-With,
   * fetch metadata that is not a navigation, or an Accept that wants JSON and not HTML.
   */
  static boolean wantsJson(HttpServletRequest request) {
    if (request.getHeader("X-Requested-With") != null) {
      return true;
    }
    String mode = request.getHeader("Sec-Fetch-Mode");
    if (mode != null && !"navigate".equals(mode)) {
      return true;
    }
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("json") && !accept.contains("text/html");
  }

  /** Answers {@code e} as JSON to scripts and as a page to browsers. */
  static void error(
      HttpServletRequest request, HttpServletResponse response, QfAuthException e, String loginUrl)
      throws IOException {
    if (wantsJson(request)) {
      jsonError(response, e, loginUrl);
    } else {
      htmlError(response, e, loginUrl);
    }
  }

  static void jsonError(HttpServletResponse response, QfAuthException e, String loginUrl)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.code().name().toLowerCase(Locale.ROOT));
    body.put("message", e.getMessage());
    body.put("hint", e.hint());
    if (e.oauthError() != null) {
      body.put("oauthError", e.oauthError());
    }
    if (loginUrl != null) {
      body.put("loginUrl", loginUrl);
    }
    json(response, e.httpStatus(), body);
  }

  private static void htmlError(HttpServletResponse response, QfAuthException e, String loginUrl)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    String again =
        loginUrl == null
            ? ""
            : "<p><a id=\"start-again\" href=\""
                + Redaction.html(loginUrl)
                + "\">Sign in again</a></p>";
    html(
        response,
        e.httpStatus(),
        "Sign-in problem",
        "<h1>Sign-in problem</h1><p id=\"error-message\">"
            + Redaction.html(e.getMessage())
            + "</p><p id=\"error-hint\">"
            + Redaction.html(e.hint())
            + "</p><p><small>Error code: "
            + e.code().name().toLowerCase(Locale.ROOT)
            + "</small></p>"
            + again);
  }

  static void json(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    noStore(response);
    // RFC 6749 5.1: the exchange endpoint's answers carry tokens, which also need Pragma.
    response.setHeader("Pragma", "no-cache");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Json.write(body));
  }

  static void html(HttpServletResponse response, int status, String title, String bodyHtml)
      throws IOException {
    response.setStatus(status);
    noStore(response);
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + Redaction.html(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em}</style>"
                + "</head><body>"
                + bodyHtml
                + "</body></html>");
  }

  static void redirect(HttpServletResponse response, String location) {
    noStore(response);
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setHeader("Location", location);
  }

  /**
   * Redirects and pages carrying state or a user's data must not be cached. {@code Pragma} is left
   * out here: RFC 9111 5.4 deprecates it, and it made every {@code /login} redirect larger.
   */
  static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
  }
}
