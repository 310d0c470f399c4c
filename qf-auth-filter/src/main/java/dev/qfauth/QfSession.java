package dev.qfauth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One signed-in user's server-side token set, as kept in a {@link SessionStore}. Immutable; a
 * refresh replaces the whole value at once so the rotated refresh token and the new ID token never
 * get out of step. Tokens are {@link Secret}s, so {@code toString()} is safe to log. The
 * constructor only checks and copies its arguments (no parsing, no shared state), so store
 * implementations may build one per read.
 *
 * @param sub the user's stable QF id (ID token {@code sub})
 * @param accessToken sent as {@code x-auth-token}
 * @param accessTokenExpiresAt computed from {@code expires_in} when the tokens were received
 * @param refreshToken present when {@code offline_access} was granted; otherwise {@code null}
 * @param idToken the latest ID token (for {@code id_token_hint} at logout), or {@code null}
 * @param scopes the scopes the provider granted
 * @param claims the verified ID-token claims (JSON values: String, Number, Boolean, List, Map).
 *     Empty when {@code idToken} is kept and holds them: {@link #claims()} then reads them back
 *     from the token (qf-auth-bench SessionMemory: a session with its ID token otherwise exceeds 2
 *     KiB). Claims given as {@link #claims()} returned them for the same token are not stored twice
 *     either, so a record rebuilt from its accessors equals the original
 * @param accessTokenIssuedAt when the access token was received; with {@code accessTokenExpiresAt}
 *     it gives the token's lifetime, which bounds the refresh leeway. {@code null} when unknown
 * @param signedInAt when the user signed in; the session ends {@code QF_SESSION_MAX_MINUTES} later
 *     however active it is. {@code null} when unknown (no maximum is applied)
 * @param lastActiveAt when the session's idle window last slid: at sign-in, and then when a request
 *     found a tenth of the window ({@code QF_SESSION_IDLE_MINUTES}) gone and re-issued the session
 *     cookie. The session ends one idle window after it. {@code null} when unknown (the store's own
 *     idle timeout applies)
 */
public record QfSession(
    String sub,
    Secret accessToken,
    Instant accessTokenExpiresAt,
    Secret refreshToken,
    Secret idToken,
    Set<String> scopes,
    Map<String, Object> claims,
    Instant accessTokenIssuedAt,
    Instant signedInAt,
    Instant lastActiveAt) {

  public QfSession {
    Objects.requireNonNull(sub, "sub");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    scopes = Set.copyOf(scopes);
    // Claims known to be the kept ID token's (as claims() reads them back, or as the filter made
    // them from it) are not held twice. Decided by where they came from, not by parsing the token.
    claims =
        claims instanceof IdTokenClaims read && read.readFrom(idToken)
            ? Map.of()
            : Map.copyOf(claims);
  }

  /** The verified ID-token claims (without protocol claims such as nonce). */
  @Override
  public Map<String, Object> claims() {
    return claims.isEmpty() && idToken != null ? IdTokenClaims.read(idToken) : claims;
  }

  /**
   * True when the access token expires within {@code leewayMillis} of {@code nowMillis}. In epoch
   * milliseconds: every signed-in request asks, and this way it allocates nothing.
   */
  boolean expiresWithin(long nowMillis, long leewayMillis) {
    return accessTokenExpiresAt.toEpochMilli() - leewayMillis <= nowMillis;
  }

  /**
   * True when the access token should be refreshed: it expires within {@code leewayMillis}, a
   * leeway never more than half the token's own lifetime. Otherwise a token that lives no longer
   * than the leeway would be refreshed on every request (issue 9). Allocates nothing.
   */
  boolean refreshDue(long nowMillis, long leewayMillis) {
    long expires = accessTokenExpiresAt.toEpochMilli();
    long leeway = leewayMillis;
    if (accessTokenIssuedAt != null) {
      leeway = Math.min(leeway, (expires - accessTokenIssuedAt.toEpochMilli()) / 2);
    }
    return expires - leeway <= nowMillis;
  }

  /**
   * True when the session is over: {@code maxMillis} after sign-in, or {@code idleMillis} after its
   * idle window last slid. Allocates nothing.
   */
  boolean endedBy(long nowMillis, long idleMillis, long maxMillis) {
    return signedInAt != null && signedInAt.toEpochMilli() + maxMillis <= nowMillis
        || lastActiveAt != null && lastActiveAt.toEpochMilli() + idleMillis <= nowMillis;
  }

  /** True when {@code everyMillis} have passed since the idle window last slid. */
  boolean slideDue(long nowMillis, long everyMillis) {
    return lastActiveAt == null || lastActiveAt.toEpochMilli() + everyMillis <= nowMillis;
  }

  /** This session with its idle window slid to {@code at}. */
  QfSession activeAt(Instant at) {
    return new QfSession(
        sub,
        accessToken,
        accessTokenExpiresAt,
        refreshToken,
        idToken,
        scopes,
        claims,
        accessTokenIssuedAt,
        signedInAt,
        at);
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
