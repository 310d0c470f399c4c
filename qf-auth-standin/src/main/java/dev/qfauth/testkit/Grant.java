package dev.qfauth.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One approved authorization request and every code and token descended from it: what Hydra calls a
 * request (or consent) chain. Revoking the grant kills the whole chain at once. Guarded by the
 * owning {@link Grants} monitor.
 */
final class Grant {
  final String id;
  final QfTestClient client;
  final QfTestUser user;
  final List<String> scopes;
  final String nonce;
  final String sid;
  final Instant authTime;
  boolean revoked;
  final List<AccessToken> accessTokens = new ArrayList<>();

  Grant(
      String id,
      QfTestClient client,
      QfTestUser user,
      List<String> scopes,
      String nonce,
      String sid,
      Instant authTime) {
    this.id = id;
    this.client = client;
    this.user = user;
    this.scopes = List.copyOf(scopes);
    this.nonce = nonce;
    this.sid = sid;
    this.authTime = authTime;
  }

  boolean has(String scope) {
    return scopes.contains(scope);
  }

  static final class Code {
    final String value;
    final Grant grant;
    final String redirectUri; // null when the authorize request had none (a single registered URI)
    final String codeChallenge; // null without PKCE
    final Instant expiresAt;
    boolean used;

    Code(String value, Grant grant, String redirectUri, String codeChallenge, Instant expiresAt) {
      this.value = value;
      this.grant = grant;
      this.redirectUri = redirectUri;
      this.codeChallenge = codeChallenge;
      this.expiresAt = expiresAt;
    }
  }

  static final class AccessToken {
    final String value;
    final Grant grant;
    final List<String> scopes; // narrower than the grant's after a refresh with a scope parameter
    Instant expiresAt;
    boolean revoked;

    AccessToken(String value, Grant grant, List<String> scopes, Instant expiresAt) {
      this.value = value;
      this.grant = grant;
      this.scopes = List.copyOf(scopes);
      this.expiresAt = expiresAt;
    }

    boolean activeAt(Instant now) {
      return !revoked && !grant.revoked && now.isBefore(expiresAt);
    }
  }

  static final class RefreshToken {
    final String value;
    final Grant grant;
    final Instant expiresAt;
    boolean used;

    RefreshToken(String value, Grant grant, Instant expiresAt) {
      this.value = value;
      this.grant = grant;
      this.expiresAt = expiresAt;
    }
  }
}
