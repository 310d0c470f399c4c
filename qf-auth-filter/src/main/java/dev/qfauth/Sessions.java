package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Builds {@link QfSession}s from verified token responses. */
final class Sessions {
  /** Protocol claims that mean nothing to the app and need not be kept. */
  private static final Set<String> PROTOCOL_CLAIMS = Set.of("nonce", "at_hash", "c_hash");

  /**
   * The granted scopes of the last session built. Nearly every user grants the same set, so
   * sessions share one copy instead of holding a set and its strings each (qf-auth-bench
   * SessionMemory). A benign race: a lost update only costs a copy.
   */
  private static volatile Set<String> lastScopes = Set.of();

  private Sessions() {}

  /** {@code scopes} (immutable), or an equal set already held by another session. */
  static Set<String> shared(Set<String> scopes) {
    Set<String> last = lastScopes;
    if (last.equals(scopes)) {
      return last;
    }
    lastScopes = scopes;
    return scopes;
  }

  /**
   * @param keepIdToken whether logout will send the raw ID token as {@code id_token_hint} (only
   *     when the provider session is ended too); otherwise it is not kept: at about 1 KB it is the
   *     largest part of a session (qf-auth-bench SessionMemory)
   */
  static QfSession create(
      TokenResponse response, JWTClaimsSet idClaims, Instant now, boolean keepIdToken) {
    return new QfSession(
        idClaims.getSubject(),
        response.accessToken(),
        now.plusSeconds(response.expiresInSeconds()),
        response.refreshToken(),
        keepIdToken ? response.idToken() : null,
        response.scopes(),
        userClaims(idClaims),
        now,
        now,
        now);
  }

  /**
   * The claims {@link #userClaims} keeps from a stored ID token, or none if it cannot be read. The
   * token was verified when it was received; this only reads it back.
   */
  static Map<String, Object> claimsOf(Secret idToken) {
    try {
      // Null for a token this cannot read without a key (an encrypted one): none then.
      JWTClaimsSet claims = JWTParser.parse(idToken.reveal()).getJWTClaimsSet();
      return claims == null ? Map.of() : Map.copyOf(userClaims(claims));
    } catch (ParseException e) {
      return Map.of();
    }
  }

  static Map<String, Object> userClaims(JWTClaimsSet claims) {
    Map<String, Object> out = new HashMap<>();
    claims
        .toJSONObject()
        .forEach(
            (name, value) -> {
              if (value != null && !PROTOCOL_CLAIMS.contains(name)) {
                // Every session repeats the same dozen names, each a fresh String from the JSON
                // parser:
                // interned they are kept once per JVM, not once per session (qf-auth-bench
                // SessionMemory).
                out.put(name.intern(), value);
              }
            });
    return out;
  }
}
