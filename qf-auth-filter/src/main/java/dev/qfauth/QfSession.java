package dev.qfauth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One signed-in user's server-side token set, as kept in a {@link SessionStore}. Immutable; a
 * refresh replaces the whole value at once so the rotated refresh token and the new ID token never
 * get out of step. Tokens are {@link Secret}s, so {@code toString()} is safe to log.
 *
 * @param sub the user's stable QF id (ID token {@code sub})
 * @param accessToken sent as {@code x-auth-token}
 * @param accessTokenExpiresAt computed from {@code expires_in} when the tokens were received
 * @param refreshToken present when {@code offline_access} was granted; otherwise {@code null}
 * @param idToken the latest ID token (for {@code id_token_hint} at logout), or {@code null}
 * @param scopes the scopes the provider granted
 * @param claims the verified ID-token claims (JSON values: String, Number, Boolean, List, Map).
 *     When {@code idToken} is kept and holds these same claims they are not stored twice: {@link
 *     #claims()} reads them back from the token (qf-auth-bench SessionMemory: a session with its ID
 *     token otherwise exceeds 2 KiB)
 */
public record QfSession(
    String sub,
    Secret accessToken,
    Instant accessTokenExpiresAt,
    Secret refreshToken,
    Secret idToken,
    Set<String> scopes,
    Map<String, Object> claims) {

  public QfSession {
    Objects.requireNonNull(sub, "sub");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    scopes = Sessions.shared(Set.copyOf(scopes));
    claims = Map.copyOf(claims);
    if (idToken != null && !claims.isEmpty() && claims.equals(Sessions.claimsOf(idToken))) {
      claims = Map.of();
    }
  }

  /** The verified ID-token claims (without protocol claims such as nonce). */
  @Override
  public Map<String, Object> claims() {
    return claims.isEmpty() && idToken != null ? Sessions.claimsOf(idToken) : claims;
  }

  /**
   * True when the access token expires within {@code leewayMillis} of {@code nowMillis}. In epoch
   * milliseconds: every signed-in request asks, and this way it allocates nothing.
   */
  boolean expiresWithin(long nowMillis, long leewayMillis) {
    return accessTokenExpiresAt.toEpochMilli() - leewayMillis <= nowMillis;
  }

  /** Only the user id, scopes and expiry: claims are personal data and stay out of logs. */
  @Override
  public String toString() {
    return "QfSession[sub="
        + sub
        + ", scopes="
        + scopes
        + ", accessTokenExpiresAt="
        + accessTokenExpiresAt
        + ", refreshable="
        + refreshable()
        + "]";
  }

  /** True when a refresh token is available. */
  public boolean refreshable() {
    return refreshToken != null;
  }
}
