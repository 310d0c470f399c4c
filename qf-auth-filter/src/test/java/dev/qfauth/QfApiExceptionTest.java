package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The named factories: each failure carries the code, status and cause its name promises. */
final class QfApiExceptionTest {
  private static final TokenException DEAD_GRANT =
      TokenException.refused(
          QfErrorCode.TOKEN_REFRESH_FAILED, "refused", 400, "invalid_grant", "Sign in again.");
  private static final TokenException OUTAGE =
      TokenException.unanswered(
          QfErrorCode.TOKEN_REFRESH_FAILED, "unreachable", "Try again later.", null);

  @Test
  void sessionEnded_byARefresh_401WithTheGrantError() {
    QfApiException e = QfApiException.sessionEnded(DEAD_GRANT);

    assertEquals(QfErrorCode.API_UNAUTHORIZED, e.code());
    assertEquals(401, e.remoteStatus());
    assertEquals("invalid_grant", e.oauthError());
    assertSame(DEAD_GRANT, e.getCause());
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
  }

  @Test
  void refreshFailed_keepsTheRefreshHintAndNamesTheExpiry() {
    Instant expired = Instant.parse("2026-03-01T12:00:00Z");
    QfApiException e = QfApiException.refreshFailed(expired, OUTAGE);

    assertEquals(QfErrorCode.TOKEN_REFRESH_FAILED, e.code());
    assertEquals(0, e.remoteStatus());
    assertEquals("Try again later.", e.hint());
    assertTrue(e.getMessage().contains(expired.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("the session was kept"), e.getMessage());
  }

  @Test
  void rejected_afterThe401Refresh_401() {
    QfApiException e = QfApiException.rejected(OUTAGE);

    assertEquals(QfErrorCode.API_UNAUTHORIZED, e.code());
    assertEquals(401, e.remoteStatus());
    assertSame(OUTAGE, e.getCause());
  }

  @Test
  void tokenException_refused_onlyInvalidGrantEndsTheSession() {
    assertTrue(DEAD_GRANT.sessionEnded());
    assertTrue(!OUTAGE.sessionEnded() && OUTAGE.transientFailure());
    assertTrue(
        TokenException.spent(QfErrorCode.TOKEN_REFRESH_FAILED, "bad answer", 200, "Sign in again.")
            .sessionEnded());
  }
}
