package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Enumeration;

/**
 * The filter's cookies, all opaque random values: the session handle and the browser binding for
 * sign-ins in progress (both meaningless without the server-side stores), and the signed-out
 * marker, which only has to be present. HttpOnly, SameSite=Lax (Strict would drop them on the
 * redirect back from QF), Secure when the app is served over https.
 */
final class Cookies {
  static final String SESSION = "QF_SESSION";
  static final String BROWSER = "QF_LOGIN";

  /**
   * Set by an explicit sign-out that left the QF session alive: this browser's next sign-in asks QF
   * for the credentials again. An opaque random value, like the others.
   */
  static final String SIGNED_OUT = "QF_SIGNED_OUT";

  private final boolean secure;

  Cookies(boolean secure) {
    this.secure = secure;
  }

  /**
   * The value of cookie {@code name}, or {@code null} when absent or not one of ours. The first
   * occurrence decides, as with {@code getCookies()}. Scanning the {@code Cookie} header ourselves
   * spares every signed-in request the container's parsing of all its cookies into objects
   * (qf-auth-bench).
   */
  static String read(HttpServletRequest request, String name) {
    Enumeration<String> headers = request.getHeaders("Cookie");
    if (headers == null) {
      return null;
    }
    while (headers.hasMoreElements()) {
      String value = valueIn(headers.nextElement(), name);
      if (value != null) {
        // Our values are 43 base64url characters; anything else is not ours.
        return value.length() == 43 && base64url(value) ? value : null;
      }
    }
    return null;
  }

  /**
   * The value of the first pair named {@code name} in one {@code Cookie} header (RFC 6265 4.2.1:
   * {@code name=value} pairs separated by {@code ";"} and a space), or {@code null}. Names match
   * exactly: {@code xQF_SESSION} or a value containing {@code QF_SESSION=} is a different cookie.
   */
  static String valueIn(String header, String name) {
    if (header == null) {
      return null;
    }
    int length = header.length();
    int start = 0;
    while (start < length) {
      while (start < length && whitespace(header.charAt(start))) {
        start++;
      }
      int end = header.indexOf(';', start);
      if (end < 0) {
        end = length;
      }
      int equals = start + name.length();
      if (equals < end && header.charAt(equals) == '=' && header.startsWith(name, start)) {
        int valueEnd = end;
        while (valueEnd > equals + 1 && whitespace(header.charAt(valueEnd - 1))) {
          valueEnd--;
        }
        return header.substring(equals + 1, valueEnd);
      }
      start = end + 1;
    }
    return null;
  }

  private static boolean whitespace(char c) {
    return c == ' ' || c == '\t';
  }

  void set(
      HttpServletRequest request,
      HttpServletResponse response,
      String name,
      String value,
      Duration maxAge) {
    response.addHeader("Set-Cookie", header(request, name, value, maxAge.toSeconds()));
  }

  void clear(HttpServletRequest request, HttpServletResponse response, String name) {
    response.addHeader("Set-Cookie", header(request, name, "", 0));
  }

  private String header(HttpServletRequest request, String name, String value, long maxAgeSeconds) {
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    StringBuilder h = new StringBuilder(name).append('=').append(value);
    h.append("; Path=").append(path);
    if (maxAgeSeconds >= 0) {
      h.append("; Max-Age=").append(maxAgeSeconds);
    }
    h.append("; HttpOnly; SameSite=Lax");
    if (secure) {
      h.append("; Secure");
    }
    return h.toString();
  }

  // A plain loop: this runs on every request, and a chars() stream here cost several times the
  // session lookup (qf-auth-bench HotPathBenchmark).
  private static boolean base64url(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!base64url(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean base64url(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '_';
  }
}
