package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Codes, tokens and their chains, with Hydra's rules: single-use codes whose replay revokes the
 * chain, refresh-token rotation whose replay revokes the chain, revocation by chain. One monitor
 * guards all state, so two racing refreshes with one token behave like Hydra without a grace
 * period: the second is a reuse.
 */
final class Grants {
  static final Duration CODE_TTL = Duration.ofMinutes(10);
  static final Duration ID_TOKEN_TTL = Duration.ofHours(1);
  static final Duration REFRESH_TOKEN_TTL = Duration.ofHours(720);

  /** Tokens for one token response. */
  record Issued(
      String accessToken,
      long expiresIn,
      String refreshToken,
      String idToken,
      List<String> scopes) {
    @Override
    public String toString() {
      return "Issued[expiresIn=" + expiresIn + ", scopes=" + scopes + "]";
    }
  }

  /** Either tokens or an OAuth error. */
  record Outcome(Issued issued, OAuthError error) {
    static Outcome ok(Issued issued) {
      return new Outcome(issued, null);
    }

    static Outcome fail(OAuthError error) {
      return new Outcome(null, error);
    }
  }

  /** What an active access token stands for. */
  record TokenInfo(String clientId, QfTestUser user, List<String> scopes) {}

  private final StandInClock clock;
  private final Signer signer;
  private final Controls controls;
  private final SecureRandom random;
  private final String issuer;
  private final Map<String, Grant.Code> codes = new HashMap<>();
  private final Map<String, Grant.AccessToken> accessTokens = new HashMap<>();
  private final Map<String, Grant.RefreshToken> refreshTokens = new HashMap<>();
  private final List<Grant> grants = new ArrayList<>();
  private final Set<Grant> revoked = new HashSet<>();

  Grants(StandInClock clock, Signer signer, Controls controls, SecureRandom random, String issuer) {
    this.clock = clock;
    this.signer = signer;
    this.controls = controls;
    this.random = random;
    this.issuer = issuer;
  }

  /** Records an approved login and returns its authorization code. */
  synchronized String approve(
      QfTestClient client,
      QfTestUser user,
      List<String> scopes,
      String nonce,
      String redirectUriSent,
      String codeChallenge) {
    Instant now = clock.now();
    Grant grant = newGrant(client, user, scopes, nonce, now);
    String value = "ory_ac_" + randomToken();
    codes.put(
        value, new Grant.Code(grant, redirectUriSent, codeChallenge, now.plus(CODE_TTL), false));
    return value;
  }

  /**
   * Issues a token set as if {@code user} had just signed in to {@code client} and granted {@code
   * scopes}, without an authorization request or a token call: a grant of its own, revocable and
   * refreshable like any other. The ID token carries no {@code nonce}.
   */
  synchronized Issued issueWithoutLogin(QfTestClient client, QfTestUser user, List<String> scopes) {
    Grant grant = newGrant(client, user, scopes, null, clock.now());
    return issue(grant, scopes, false);
  }

  /** A new grant with its own id and session id, recorded so it can be found and revoked. */
  private Grant newGrant(
      QfTestClient client, QfTestUser user, List<String> scopes, String nonce, Instant now) {
    Grant grant = new Grant(client, user, scopes, nonce, UUID.randomUUID().toString(), now);
    grants.add(grant);
    return grant;
  }

  synchronized Outcome redeem(
      QfTestClient client, String codeValue, String redirectUri, String verifier) {
    if (codeValue == null) {
      return Outcome.fail(OAuthError.invalidRequest("The 'code' parameter is missing."));
    }
    Grant.Code code = codes.get(codeValue);
    if (code == null) {
      return Outcome.fail(OAuthError.invalidGrant("The authorization code is unknown."));
    }
    Grant grant = code.grant();
    if (code.used()) {
      // fosite flow_authorize_code_token.go: a replayed code revokes what the first use issued.
      revoked.add(grant);
      return Outcome.fail(OAuthError.invalidGrant("The authorization code has already been used."));
    }
    if (revoked.contains(grant)) {
      return Outcome.fail(OAuthError.invalidGrant("The authorization code has been revoked."));
    }
    if (!clock.now().isBefore(code.expiresAt())) {
      return Outcome.fail(OAuthError.invalidGrant("The authorization code has expired."));
    }
    if (!grant.client().clientId().equals(client.clientId())) {
      return Outcome.fail(
          OAuthError.invalidGrant(
              "The OAuth 2.0 Client ID from this request does not match the one from the authorize"
                  + " request."));
    }
    if (code.redirectUri() != null && !code.redirectUri().equals(redirectUri)) {
      return Outcome.fail(
          OAuthError.invalidGrant(
              "The \"redirect_uri\" from this request does not match the one from the authorize"
                  + " request."));
    }
    OAuthError pkce = Pkce.verify(code.codeChallenge(), verifier);
    if (pkce != null) {
      return Outcome.fail(pkce); // like fosite, a failed attempt does not use up the code
    }
    codes.put(codeValue, code.redeemed());
    return Outcome.ok(issue(grant, grant.scopes(), true));
  }

  synchronized Outcome refresh(QfTestClient client, String value, String scopeParameter) {
    if (value == null) {
      return Outcome.fail(OAuthError.invalidRequest("The 'refresh_token' parameter is missing."));
    }
    Grant.RefreshToken token = refreshTokens.get(value);
    if (token == null || revoked.contains(token.grant())) {
      return Outcome.fail(OAuthError.invalidGrant("The refresh token is unknown or was revoked."));
    }
    Grant grant = token.grant();
    if (!grant.client().clientId().equals(client.clientId())) {
      return Outcome.fail(
          OAuthError.invalidGrant(
              "The OAuth 2.0 Client ID from this request does not match the ID during the initial"
                  + " token issuance."));
    }
    if (token.used()) {
      // fosite flow_refresh.go: reuse is treated as theft, so the whole chain goes.
      revoked.add(grant);
      return Outcome.fail(OAuthError.invalidGrant("The refresh token was already used."));
    }
    if (!clock.now().isBefore(token.expiresAt())) {
      return Outcome.fail(OAuthError.invalidGrant("The refresh token has expired."));
    }
    List<String> scopes = grant.scopes();
    if (scopeParameter != null) {
      scopes = Scopes.parse(scopeParameter);
      for (String scope : scopes) {
        if (!grant.has(scope)) {
          return Outcome.fail(
              OAuthError.invalidScope(
                  "The requested scope '" + scope + "' was not granted by the resource owner."));
        }
      }
    }
    refreshTokens.put(value, token.rotated());
    accessTokens.replaceAll((v, at) -> at.grant().equals(grant) ? at.revoke() : at);
    return Outcome.ok(issue(grant, scopes, false));
  }

  /** RFC 7009: revokes the chain of a known token; unknown tokens are silently accepted. */
  synchronized OAuthError revoke(QfTestClient client, String value) {
    Grant grant = null;
    Grant.RefreshToken refresh = refreshTokens.get(value);
    if (refresh != null) {
      grant = refresh.grant();
    } else {
      Grant.AccessToken access = accessTokens.get(value);
      grant = access == null ? null : access.grant();
    }
    if (grant == null) {
      return null;
    }
    if (!grant.client().clientId().equals(client.clientId())) {
      return OAuthError.unauthorizedClient("The token was not issued to this client.");
    }
    revoked.add(grant);
    return null;
  }

  /** The client, user and scopes of an active access token, or null. */
  synchronized TokenInfo activeAccessToken(String value) {
    Grant.AccessToken token = value == null ? null : accessTokens.get(value);
    Instant now = clock.now();
    if (token == null
        || token.revoked()
        || revoked.contains(token.grant())
        || !now.isBefore(token.expiresAt())) {
      return null;
    }
    Grant grant = token.grant();
    return new TokenInfo(grant.client().clientId(), grant.user(), token.scopes());
  }

  synchronized void expireAccessTokens(String username) {
    Instant now = clock.now();
    accessTokens.replaceAll(
        (value, token) ->
            token.grant().user().username().equals(username) && token.expiresAt().isAfter(now)
                ? token.expiringAt(now)
                : token);
  }

  synchronized void revokeAll(String username) {
    grants.stream().filter(g -> g.user().username().equals(username)).forEach(revoked::add);
  }

  private Issued issue(Grant grant, List<String> scopes, boolean withNonce) {
    Duration lifetime = controls.accessTokenLifetime();
    String accessToken = signer.accessToken(accessTokenClaims(grant, scopes), lifetime);
    accessTokens.put(
        accessToken, new Grant.AccessToken(grant, scopes, clock.now().plus(lifetime), false));

    String refreshToken = null;
    if (grant.has("offline_access")) {
      refreshToken = "ory_rt_" + randomToken();
      refreshTokens.put(
          refreshToken, new Grant.RefreshToken(grant, clock.now().plus(REFRESH_TOKEN_TTL), false));
    }
    String idToken = null;
    if (grant.has("openid")) {
      idToken = signer.idToken(idTokenClaims(grant, accessToken, withNonce), ID_TOKEN_TTL);
    }
    return new Issued(accessToken, lifetime.toSeconds(), refreshToken, idToken, scopes);
  }

  private Map<String, Object> accessTokenClaims(Grant grant, List<String> scopes) {
    // The shape of Hydra's JWT access tokens; clients must still treat them as opaque.
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", grant.user().sub());
    claims.put("aud", List.of());
    claims.put("client_id", grant.client().clientId());
    claims.put("scp", scopes);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("ext", Map.of());
    return claims;
  }

  private Map<String, Object> idTokenClaims(Grant grant, String accessToken, boolean withNonce) {
    QfTestUser user = grant.user();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", user.sub());
    claims.put("aud", List.of(grant.client().clientId()));
    claims.put("azp", grant.client().clientId());
    claims.put("auth_time", grant.authTime().getEpochSecond());
    claims.put("rat", grant.authTime().getEpochSecond());
    claims.put("sid", grant.sid());
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("at_hash", atHash(accessToken));
    if (withNonce && grant.nonce() != null) {
      claims.put("nonce", grant.nonce()); // OIDC Core 12.2: refreshed ID tokens carry no new nonce
    }
    claims.putAll(user.profileClaims(grant.scopes()));
    return claims;
  }

  /** OIDC Core 3.1.3.6: the left half of SHA-256 over the access token, base64url. */
  static String atHash(String accessToken) {
    byte[] hash = Pkce.sha256(accessToken);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOf(hash, hash.length / 2));
  }

  private String randomToken() {
    return RandomIds.of(random, 32);
  }
}
