package dev.qfauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The page to land on after sign-in. Only same-origin relative paths are taken, so a crafted link
 * cannot turn sign-in into an open redirect (RFC 9700 4.11.1, the client as open redirector);
 * anything else becomes "/".
 */
final class ReturnTo {
  static final String DEFAULT = "/";
  private static final int MAX_LENGTH = 2048;
  private static final String PARAMETER = "returnTo=";

  private ReturnTo() {}

  /**
   * The first {@code returnTo} parameter of a raw query string, decoded, or {@code null}. Read here
   * rather than with {@code getParameter}, which makes the container parse every query parameter
   * and look for a form body: a third of the filter's own time on {@code /login} (qf-auth-bench JFR
   * profile).
   */
  static String fromQuery(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (int start = 0; start <= rawQuery.length(); ) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (rawQuery.startsWith(PARAMETER, start) && start + PARAMETER.length() <= end) {
        try {
          return URLDecoder.decode(
              rawQuery.substring(start + PARAMETER.length(), end), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null; // malformed %-escapes: no usable return path
        }
      }
      start = end + 1;
    }
    return null;
  }

  /** The safe form of {@code raw} (a path within the web app, may carry a query), or "/". */
  static String sanitize(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
      return DEFAULT;
    }
    // One leading slash, then no second slash or backslash: "//evil" and "/\evil" are
    // scheme-relative URLs to browsers.
    if (raw.charAt(0) != '/'
        || raw.length() > 1 && (raw.charAt(1) == '/' || raw.charAt(1) == '\\')) {
      return DEFAULT;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      // Control characters, whitespace and backslashes are never in a path we produce, and browsers
      // strip or reinterpret them (tab, CR, LF inside "//" tricks).
      if (c <= ' ' || c == 0x7f || c == '\\' || c > 0x7e) {
        return DEFAULT;
      }
    }
    try {
      URI uri = new URI(raw);
      if (uri.isAbsolute() || uri.getRawAuthority() != null || uri.getRawFragment() != null) {
        return DEFAULT;
      }
      String path = uri.normalize().getRawPath();
      if (path == null
          || !path.startsWith("/")
          || path.startsWith("//")
          || path.startsWith("/..")) {
        return DEFAULT;
      }
      // Encoded slashes or backslashes could decode into "//" further down the line.
      String lower = path.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("%2f")
          || lower.contains("%5c")
          || lower.contains("%09")
          || lower.contains("%0a")
          || lower.contains("%0d")
          || lower.contains("%00")) {
        return DEFAULT;
      }
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (URISyntaxException e) {
      return DEFAULT;
    }
  }
}
