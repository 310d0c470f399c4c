package dev.qfauth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link QfSession} for a test that names only what it is about. Unless set: {@code sub}
 * user-1, access token {@code at} expiring at 2026-03-01T13:00:00Z, no refresh or ID token, scope
 * openid, no claims, and the times (issued, signed in, last active) unknown.
 */
final class TestSession {
  private String sub = "user-1";
  private Secret accessToken = Secret.of("at");
  private Instant expiresAt = Instant.parse("2026-03-01T13:00:00Z");
  private Secret refreshToken;
  private Secret idToken;
  private Set<String> scopes = Set.of("openid");
  private Map<String, Object> claims = Map.of();
  private Instant issuedAt;
  private Instant signedInAt;
  private Instant lastActiveAt;

  private TestSession() {}

  static TestSession builder() {
    return new TestSession();
  }

  /** Every component of {@code session}, as its accessors return them. */
  static TestSession from(QfSession session) {
    TestSession copy = new TestSession();
    copy.sub = session.sub();
    copy.accessToken = session.accessToken();
    copy.expiresAt = session.accessTokenExpiresAt();
    copy.refreshToken = session.refreshToken();
    copy.idToken = session.idToken();
    copy.scopes = session.scopes();
    copy.claims = session.claims();
    copy.issuedAt = session.accessTokenIssuedAt();
    copy.signedInAt = session.signedInAt();
    copy.lastActiveAt = session.lastActiveAt();
    return copy;
  }

  TestSession sub(String value) {
    this.sub = value;
    return this;
  }

  TestSession accessToken(String value) {
    this.accessToken = Secret.of(value);
    return this;
  }

  TestSession expiresAt(Instant value) {
    this.expiresAt = value;
    return this;
  }

  TestSession refreshToken(String value) {
    return refreshToken(Secret.of(value));
  }

  /** {@code null}: no refresh token. */
  TestSession refreshToken(Secret value) {
    this.refreshToken = value;
    return this;
  }

  /** {@code null}: no ID token. */
  TestSession idToken(Secret value) {
    this.idToken = value;
    return this;
  }

  TestSession scopes(String... values) {
    return scopes(Set.of(values));
  }

  TestSession scopes(Set<String> values) {
    this.scopes = values;
    return this;
  }

  TestSession claims(Map<String, Object> values) {
    this.claims = values;
    return this;
  }

  /** The access token was received, and the user signed in and last active, at {@code at}. */
  TestSession signedInAt(Instant at) {
    this.issuedAt = at;
    this.signedInAt = at;
    this.lastActiveAt = at;
    return this;
  }

  TestSession lastActiveAt(Instant value) {
    this.lastActiveAt = value;
    return this;
  }

  QfSession build() {
    return new QfSession(
        sub,
        accessToken,
        expiresAt,
        refreshToken,
        idToken,
        scopes,
        claims,
        issuedAt,
        signedInAt,
        lastActiveAt);
  }
}
