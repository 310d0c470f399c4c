package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session policy without a provider: idle window, maximum age, sliding, the cookie's lifetime,
 * and what an ended session means for each caller. Refresh failures against a real token endpoint
 * are in RefresherTest and RefreshWhenQfMisbehavesTest.
 */
final class ActiveSessionsTest {
  private static final String HANDLE = "handle-1";
  private static final Duration IDLE = Duration.ofMinutes(100);
  private static final Duration MAX = Duration.ofMinutes(1000);

  private final TestClock clock = new TestClock();
  private final QfAuthConfig config =
      QfAuthConfig.builder()
          .clientId("qf-client")
          .redirectUri(URI.create("https://app.example/callback"))
          // Never called: no test here gets as far as a token request.
          .authBaseUrl(URI.create("http://127.0.0.1:9"))
          .sessionIdleTimeout(IDLE)
          .sessionAbsoluteTimeout(MAX)
          .clock(clock)
          .build();
  private final HttpCalls http = new HttpCalls(Duration.ofSeconds(1), Duration.ofSeconds(1));
  private final SessionStore store = new CaffeineSessionStore(100, Duration.ofDays(30), clock);
  private final ActiveSessions sessions = activeSessions();

  private ActiveSessions activeSessions() {
    return new ActiveSessions(
        config, store, RefresherParts.refresher(config, store, http, OpsMetrics.NONE));
  }

  @AfterEach
  void close() {
    http.close();
  }

  private QfSession signedInNow(Secret refreshToken, Duration accessTokenLifetime) {
    Instant now = clock.instant();
    return TestSession.builder()
        .expiresAt(now.plus(accessTokenLifetime))
        .refreshToken(refreshToken)
        .signedInAt(now)
        .build();
  }

  private void store(QfSession session) {
    store.put(config.environment(), HANDLE, session);
  }

  @Test
  void activeSession_pastTheIdleWindow_endedAndRemoved() {
    store(signedInNow(Secret.of("rt"), Duration.ofDays(1)));
    clock.advance(IDLE);

    assertEquals(Optional.empty(), sessions.activeSession(HANDLE, clock.millis()));
    assertEquals(Optional.empty(), store.get(config.environment(), HANDLE));
  }

  @Test
  void activeSession_expiredAndNotRefreshable_endedAndRemoved() {
    store(signedInNow(null, Duration.ofMinutes(5)));
    clock.advance(Duration.ofMinutes(4));
    assertTrue(
        sessions.activeSession(HANDLE, clock.millis()).isPresent(),
        "still valid: kept without refresh");

    clock.advance(Duration.ofMinutes(1));
    assertEquals(Optional.empty(), sessions.activeSession(HANDLE, clock.millis()));
    assertEquals(Optional.empty(), store.get(config.environment(), HANDLE));
  }

  @Test
  void slideIdleWindow_onlyOnceATenthHasPassed() {
    QfSession session = signedInNow(Secret.of("rt"), Duration.ofDays(1));
    store(session);
    clock.advance(IDLE.dividedBy(10).minusMillis(1));
    assertNull(sessions.slideIdleWindow(HANDLE, session), "too early: no Set-Cookie, no write");

    clock.advance(Duration.ofMillis(1));
    assertEquals(IDLE, sessions.slideIdleWindow(HANDLE, session));
    assertEquals(
        clock.instant(), store.get(config.environment(), HANDLE).orElseThrow().lastActiveAt());
  }

  @Test
  void cookieLifetime_nearTheMaximum_onlyWhatIsLeft() {
    QfSession session = signedInNow(Secret.of("rt"), Duration.ofDays(1));
    Instant signedIn = session.signedInAt();

    assertEquals(IDLE, sessions.cookieLifetime(session, signedIn));
    assertEquals(
        Duration.ofMinutes(10),
        sessions.cookieLifetime(
            session, signedIn.plus(MAX).minus(10, java.time.temporal.ChronoUnit.MINUTES)));
    assertEquals(
        Duration.ZERO, sessions.cookieLifetime(session, signedIn.plus(MAX).plusSeconds(1)));
  }

  @Test
  void freshSession_sessionGone_apiUnauthorized() {
    QfApiException e = assertThrows(QfApiException.class, () -> sessions.freshSession(HANDLE));

    assertEquals(QfErrorCode.API_UNAUTHORIZED, e.code());
    assertEquals(0, e.remoteStatus());
  }

  @Test
  void refreshForApp_sessionGone_loginRequired() {
    QfAuthException e = assertThrows(QfAuthException.class, () -> sessions.refreshForApp(HANDLE));

    assertEquals(QfErrorCode.LOGIN_REQUIRED, e.code());
  }
}
