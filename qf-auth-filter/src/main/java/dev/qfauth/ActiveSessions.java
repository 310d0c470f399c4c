package dev.qfauth;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The session policy: whether a stored session may still be used (idle window, maximum age), when
 * its idle window slides, and when its tokens are refreshed and what a failed refresh means, for a
 * page, a User API call and an app. {@link Refresher} does the refresh itself (single-flight,
 * rotation, back-off); this class decides when to ask for one and what its failure costs the
 * caller.
 *
 * <p>The signed-in request reads {@link #activeSession} and {@link #slideIdleWindow}: both compare
 * epoch milliseconds and allocate nothing unless a refresh or a slide is due. Thread-safe.
 */
final class ActiveSessions {
  private static final System.Logger LOG = System.getLogger(ActiveSessions.class.getName());

  /**
   * The idle window slides (and the session cookie is re-issued) once this fraction of it has
   * passed: at most one Set-Cookie and one store write per tenth of QF_SESSION_IDLE_MINUTES per
   * active session, and an idle user is signed out after 90 to 100 % of the window.
   */
  private static final long SLIDE_FRACTION = 10;

  private final QfEnvironment environment;
  private final Clock clock;
  private final SessionStore store;
  private final Refresher refresher;
  private final Duration idleTimeout;
  private final Duration absoluteTimeout;
  // Read on every signed-in request: in milliseconds once, not converted per request.
  private final long leewayMillis;
  private final long idleMillis;
  private final long maxMillis;
  private final long slideEveryMillis;

  ActiveSessions(QfAuthConfig config, SessionStore store, Refresher refresher) {
    this.environment = config.environment();
    this.clock = config.clock();
    this.store = store;
    this.refresher = refresher;
    this.idleTimeout = config.sessionIdleTimeout();
    this.absoluteTimeout = config.sessionAbsoluteTimeout();
    this.leewayMillis = config.refreshLeeway().toMillis();
    this.idleMillis = idleTimeout.toMillis();
    this.maxMillis = absoluteTimeout.toMillis();
    this.slideEveryMillis = Math.max(1, idleMillis / SLIDE_FRACTION);
  }

  /** The session for {@code handle}, if any and not over (idle or past its maximum); no refresh. */
  Optional<QfSession> session(String handle) {
    return handle == null ? Optional.empty() : live(handle, clock.millis());
  }

  private Optional<QfSession> live(String handle, long nowMillis) {
    Optional<QfSession> found = store.get(environment, handle);
    if (found.isPresent() && found.get().endedBy(nowMillis, idleMillis, maxMillis)) {
      // Whatever the store's own expiry: a session past its maximum is never served.
      store.remove(environment, handle);
      LOG.log(Level.INFO, "QF session of sub {0} ended: idle or maximum age", found.get().sub());
      return Optional.empty();
    }
    return found;
  }

  /** Now, in epoch milliseconds, for a request that hands it to the two calls it makes. */
  long now() {
    return clock.millis();
  }

  /**
   * The session for a page request at {@code now} (epoch milliseconds): refreshed first when its
   * access token is about to expire. A refresh that fails for a passing reason keeps the session
   * (the user stays signed in); a dead grant ends it.
   */
  Optional<QfSession> activeSession(String handle, long now) {
    Optional<QfSession> found = live(handle, now);
    if (found.isEmpty()) {
      return found;
    }
    QfSession session = found.get();
    if (!session.refreshDue(now, leewayMillis)) {
      return found;
    }
    if (!session.refreshable()) {
      if (session.expiresWithin(now, 0)) {
        store.remove(environment, handle);
        return Optional.empty();
      }
      return found;
    }
    try {
      return Optional.of(refresher.refresh(handle, session));
    } catch (QfAuthException e) {
      return ended(e) ? Optional.empty() : found;
    }
  }

  /**
   * Slides the session's idle window when a tenth of it has passed since it last slid, so an active
   * user stays signed in while an idle one is signed out. Most requests only compare two numbers.
   *
   * @return how long the re-issued session cookie should live, or {@code null} when it need not be
   *     re-issued yet
   */
  Duration slideIdleWindow(String handle, QfSession session) {
    return slideIdleWindow(handle, session, clock.millis());
  }

  /** {@link #slideIdleWindow(String, QfSession)} at {@code now} (epoch milliseconds). */
  Duration slideIdleWindow(String handle, QfSession session, long now) {
    if (!session.slideDue(now, slideEveryMillis)) {
      return null;
    }
    Instant at = Instant.ofEpochMilli(now);
    // Lost to a concurrent refresh or slide: the next request tries again.
    store.replace(environment, handle, session, session.activeAt(at));
    return cookieLifetime(session, at);
  }

  /** The session cookie's Max-Age: one idle window, but never past the session's maximum. */
  Duration cookieLifetime(QfSession session, Instant now) {
    if (session.signedInAt() == null) {
      return idleTimeout;
    }
    Duration left = Duration.between(now, session.signedInAt().plus(absoluteTimeout));
    return left.compareTo(idleTimeout) < 0
        ? (left.isNegative() ? Duration.ZERO : left)
        : idleTimeout;
  }

  /**
   * For a User API call: the session with an access token that is not about to expire, or, when an
   * early refresh fails for a passing reason, the current one while its token is still valid.
   *
   * @throws QfApiException {@link QfErrorCode#API_UNAUTHORIZED} when the session has ended; {@link
   *     QfErrorCode#TOKEN_REFRESH_FAILED} when the access token has expired and the refresh failed
   *     for a passing reason (the session is kept)
   */
  QfSession freshSession(String handle) {
    long now = clock.millis();
    QfSession session = live(handle, now).orElseThrow(QfApiException::sessionEnded);
    if (!session.refreshable() || !session.refreshDue(now, leewayMillis)) {
      return session;
    }
    try {
      return refresher.refresh(handle, session);
    } catch (QfAuthException e) {
      if (ended(e)) {
        throw QfApiException.sessionEnded(e);
      }
      if (!session.expiresWithin(clock.millis(), 0)) {
        return session; // an early refresh failed: the token still works
      }
      throw QfApiException.refreshFailed(session.accessTokenExpiresAt(), e);
    }
  }

  /**
   * After a 401 from a User API: one refresh (shared with concurrent callers), never a loop.
   *
   * @throws QfApiException {@link QfErrorCode#API_UNAUTHORIZED} when the refresh fails
   */
  QfSession refreshAfterRejection(String handle, QfSession rejected) {
    try {
      return refresher.refresh(handle, rejected);
    } catch (QfAuthException e) {
      throw QfApiException.rejected(e);
    }
  }

  /**
   * The exchange endpoint's refresh for an app: forced, single-flight. The app's refresh is its
   * activity, so it also slides the session's idle window (no cookie to re-issue).
   *
   * @throws QfAuthException {@link QfErrorCode#LOGIN_REQUIRED} for an unknown or ended session, or
   *     the refresh's own failure
   */
  QfSession refreshForApp(String handle) {
    QfSession session =
        session(handle)
            .orElseThrow(
                () -> new QfAuthException(QfErrorCode.LOGIN_REQUIRED, "Unknown or ended session."));
    slideIdleWindow(handle, session);
    return refresher.refresh(handle, session);
  }

  /** Whether a refresh failure ended the session: a dead grant, or the session already gone. */
  private static boolean ended(QfAuthException e) {
    return e instanceof TokenException token
        ? token.sessionEnded()
        : e.code() == QfErrorCode.LOGIN_REQUIRED;
  }
}
