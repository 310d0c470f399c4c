package dev.qfauth;

import com.github.benmanes.caffeine.cache.Interner;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@link QfSession}s the filter stores, from verified token responses: at sign-in and at
 * each refresh. Thread-safe; one per filter.
 *
 * <p>Two things keep a stored session small (qf-auth-bench SessionMemory): sessions granted the
 * same scopes share one set, through an interner this object owns (weak, so a set no session holds
 * any more is dropped); and the raw ID token is kept only when logout will send it as {@code
 * id_token_hint}, in which case its claims are read back from it rather than held twice.
 */
final class Sessions {
  private final Clock clock;
  private final boolean keepIdToken;
  private final Interner<Set<String>> scopeSets = Interner.newWeakInterner();

  /**
   * @param keepIdToken whether logout will send the raw ID token as {@code id_token_hint} (only
   *     when the provider session is ended too, QF_POST_LOGOUT_REDIRECT_URI); otherwise it is not
   *     kept: at about 1 KB it is the largest part of a session
   */
  Sessions(Clock clock, boolean keepIdToken) {
    this.clock = clock;
    this.keepIdToken = keepIdToken;
  }

  /** A new session for the user {@code idClaims} names, signed in now. */
  QfSession signedIn(TokenResponse response, JWTClaimsSet idClaims) {
    Instant now = clock.instant();
    return new QfSession(
        idClaims.getSubject(),
        response.accessToken(),
        now.plusSeconds(response.expiresInSeconds()),
        response.refreshToken(),
        keepIdToken ? response.idToken() : null,
        scopeSets.intern(response.scopes()),
        IdTokenClaims.of(response.idToken(), idClaims),
        now,
        now,
        now);
  }

  /**
   * {@code current} with the refreshed tokens: the rotated refresh token (or the old one when none
   * was sent), {@code claims} with the ID token they belong to, and the same sign-in and activity
   * times.
   */
  QfSession refreshed(
      QfSession current, TokenResponse response, Map<String, Object> claims, Secret idToken) {
    Instant now = clock.instant();
    return new QfSession(
        current.sub(),
        response.accessToken(),
        now.plusSeconds(response.expiresInSeconds()),
        response.refreshToken() != null ? response.refreshToken() : current.refreshToken(),
        keepIdToken ? idToken : null,
        scopeSets.intern(response.scopes()),
        claims,
        now,
        current.signedInAt(),
        current.lastActiveAt());
  }
}
