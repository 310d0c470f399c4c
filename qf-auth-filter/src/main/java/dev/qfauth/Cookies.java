package dev.qfauth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * The filter's two cookies, both opaque random values that mean nothing without the server-side
 * stores: the session handle and the browser binding for sign-ins in progress. HttpOnly,
 * SameSite=Lax (Strict would drop them on the redirect back from QF), Secure when the app is served
 * over https.
 */
final class Cookies {
  static final String SESSION = "QF_SESSION";
  static final String BROWSER = "QF_LOGIN";

  private final boolean secure;

  Cookies(boolean secure) {
    this.secure = secure;
  }

  static String read(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        String value = cookie.getValue();
        // Our values are 43 base64url characters; anything else is not ours.
        return value != null && value.length() == 43 && base64url(value) ? value : null;
      }
    }
    return null;
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
