package dev.qfauth;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The page to land on after sign-in. Only same-origin relative paths are taken, so a crafted link
 * cannot turn sign-in into an open redirect (RFC 9700 4.11.2); anything else becomes "/".
 */
final class ReturnTo {
  static final String DEFAULT = "/";
  private static final int MAX_LENGTH = 2048;

  private ReturnTo() {}

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
