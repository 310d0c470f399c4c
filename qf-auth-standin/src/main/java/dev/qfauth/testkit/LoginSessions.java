package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-ins at the stand-in's own page, from start to end, as Hydra keeps them. An authorization
 * request that needs a user waits under a one-time login challenge (Hydra's {@code
 * login_challenge}) until the tester picks one, and stops waiting {@link #CHALLENGE_TTL} after it
 * arrived however often the page is shown again. A completed sign-in is remembered like Hydra's
 * authentication-session cookie: the browser is signed straight back in by the next authorization
 * request, unless that request asks for {@code prompt=login} or RP-initiated logout ended the
 * session.
 */
final class LoginSessions {
  static final String COOKIE = "qf_stand_in_session";
  // Hydra's ttl.login_consent_request.
  private static final Duration CHALLENGE_TTL = Duration.ofMinutes(30);

  private final StandInClock clock;
  private final SecureRandom random;
  private final Map<String, AuthorizeEndpoint.Pending> waiting = new ConcurrentHashMap<>();
  private final Map<String, QfTestUser> users = new ConcurrentHashMap<>();

  LoginSessions(StandInClock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** When an authorization request that arrives now stops waiting for a user. */
  Instant challengeDeadline() {
    return clock.now().plus(CHALLENGE_TTL);
  }

  /** Parks {@code request} under a new login challenge and returns it; drops expired requests. */
  String park(AuthorizeEndpoint.Pending request) {
    Instant now = clock.now();
    waiting.values().removeIf(p -> !now.isBefore(p.expiresAt()));
    String challenge = RandomIds.of(random, 24);
    waiting.put(challenge, request);
    return challenge;
  }

  /** Takes the request parked under {@code challenge}; null when unknown, taken or expired. */
  AuthorizeEndpoint.Pending take(String challenge) {
    AuthorizeEndpoint.Pending request = challenge == null ? null : waiting.remove(challenge);
    return request == null || !clock.now().isBefore(request.expiresAt()) ? null : request;
  }

  /** Remembers {@code user}; returns the {@code Set-Cookie} value for the browser. */
  String start(QfTestUser user) {
    String id = RandomIds.of(random, 24);
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

  /** Forgets every remembered sign-in; requests waiting at the page keep waiting. */
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
