package dev.qfauth.sample;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * The sample's page frame. Every value that comes from a user or an API is encoded for its place in
 * the page with the OWASP Java Encoder ({@code Encode.forHtml}, {@code Encode.forHtmlAttribute}),
 * as a host app would do it; qf-auth's own escaping is internal to the filter.
 */
final class Html {
  /**
   * Every page may show a user's data: never cached, no scripts at all, and no content sniffing.
   */
  private static final Map<String, String> HEADERS =
      Map.of(
          "Cache-Control", "no-store",
          "Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
          "X-Content-Type-Options", "nosniff");

  private Html() {}

  /**
   * Writes a whole page with {@link #HEADERS}. {@code body} is trusted markup built by the caller.
   */
  static void page(HttpServletResponse response, int status, String title, String body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html; charset=UTF-8");
    HEADERS.forEach(response::setHeader);
    response
        .getWriter()
        .write(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>"
                + Encode.forHtml(title)
                + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:42em;margin:3em auto;"
                + "padding:0 1em;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}"
                + "</style></head><body>\n"
                + body
                + "\n</body></html>\n");
  }
}
