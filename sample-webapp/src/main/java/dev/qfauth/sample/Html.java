package dev.qfauth.sample;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The sample's page frame. Every value that comes from a user or an API goes through {@link
 * #escape}.
 */
final class Html {
  private Html() {}

  /** Escapes text for an element body or a double-quoted attribute value. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Writes a whole page. {@code body} is trusted markup built by the caller. Pages may show a
   * user's data, so they are never cached, and a strict CSP forbids scripts.
   */
  static void page(HttpServletResponse response, int status, String title, String body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>"
                + escape(title)
                + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:42em;margin:3em auto;"
                + "padding:0 1em;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}"
                + "</style></head><body>\n"
                + body
                + "\n</body></html>\n");
  }
}
