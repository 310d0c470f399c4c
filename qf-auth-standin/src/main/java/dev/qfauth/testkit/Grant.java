package dev.qfauth.testkit;

import java.time.Instant;
import java.util.List;

/**
 * One approved authorization request: what Hydra calls a request (or consent) chain. Every code and
 * token descended from it names it, so revoking the grant kills the whole chain at once. These are
 * values; {@link Grants} records which grants are revoked and replaces a code or token by its used,
 * revoked or expired copy, under its monitor.
 *
 * @param sid the session id, unique per grant, so two grants are never equal
 */
record Grant(
    QfTestClient client,
    QfTestUser user,
    List<String> scopes,
    String nonce,
    String sid,
    Instant authTime) {
  Grant {
    scopes = List.copyOf(scopes);
  }

  boolean has(String scope) {
    return scopes.contains(scope);
  }

  /**
   * An authorization code.
   *
   * @param redirectUri null when the authorize request had none (a single registered URI)
   * @param codeChallenge null without PKCE
   */
  record Code(
      Grant grant, String redirectUri, String codeChallenge, Instant expiresAt, boolean used) {
    Code redeemed() {
      return new Code(grant, redirectUri, codeChallenge, expiresAt, true);
    }
  }

  /**
   * An access token.
   *
   * @param scopes narrower than the grant's after a refresh with a scope parameter
   */
  record AccessToken(Grant grant, List<String> scopes, Instant expiresAt, boolean revoked) {
    AccessToken {
      scopes = List.copyOf(scopes);
    }

    AccessToken revoke() {
      return new AccessToken(grant, scopes, expiresAt, true);
    }

    AccessToken expiringAt(Instant at) {
      return new AccessToken(grant, scopes, at, revoked);
    }
  }

  /** A refresh token; used once it has been rotated. */
  record RefreshToken(Grant grant, Instant expiresAt, boolean used) {
    RefreshToken rotated() {
      return new RefreshToken(grant, expiresAt, true);
    }
  }
}
