package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stand-in's own sign-in sessions, as Hydra remembers a login in its authentication-session
 * cookie: a browser that signed in at the stand-in's page is signed straight back in by the next
 * authorization request, unless that request asks for {@code prompt=login} or RP-initiated logout
 * ended the session.
 */
final class LoginSessions {
  static final String COOKIE = "qf_stand_in_session";

  private final SecureRandom random;
  private final Map<String, QfTestUser> users = new ConcurrentHashMap<>();

  LoginSessions(SecureRandom random) {
    this.random = random;
  }

  /** Remembers {@code user}; returns the {@code Set-Cookie} value for the browser. */
  String start(QfTestUser user) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    users.put(id, user);
    return COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax";
  }

  /** The user this browser's session cookie names, or {@code null}. */
  QfTestUser user(String cookieHeader) {
    String id = id(cookieHeader);
    return id == null ? null : users.get(id);
  }

  /** Ends this browser's session; returns the {@code Set-Cookie} value that clears the cookie. */
  String end(String cookieHeader) {
    String id = id(cookieHeader);
    if (id != null) {
      users.remove(id);
    }
    return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  }

  void clear() {
    users.clear();
  }

  private static String id(String cookieHeader) {
    if (cookieHeader == null) {
      return null;
    }
    for (String pair : cookieHeader.split(";")) {
      String trimmed = pair.trim();
      if (trimmed.startsWith(COOKIE + "=")) {
        return trimmed.substring(COOKIE.length() + 1);
      }
    }
    return null;
  }
}
