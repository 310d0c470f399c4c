package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The user claims of one ID token, remembering the token they were read from: a {@link QfSession}
 * that keeps that token holds no second copy of them and reads them back from it when asked
 * (qf-auth-bench SessionMemory). Protocol claims such as {@code nonce} are left out. Immutable.
 */
final class IdTokenClaims extends AbstractMap<String, Object> {
  /** Protocol claims that mean nothing to the app and need not be kept. */
  private static final Set<String> PROTOCOL_CLAIMS = Set.of("nonce", "at_hash", "c_hash");

  private final Secret token;
  private final Map<String, Object> claims;

  private IdTokenClaims(Secret token, Map<String, Object> claims) {
    this.token = token;
    this.claims = claims;
  }

  /** The user claims of {@code token}, already verified as {@code verified}. */
  static IdTokenClaims of(Secret token, JWTClaimsSet verified) {
    return new IdTokenClaims(token, userClaims(verified));
  }

  /**
   * The user claims a stored ID token holds, or none if it cannot be read. The token was verified
   * when it was received; this only reads it back.
   */
  static IdTokenClaims read(Secret token) {
    try {
      // Null for a token this cannot read without a key (an encrypted one): none then.
      JWTClaimsSet claims = JWTParser.parse(token.reveal()).getJWTClaimsSet();
      return new IdTokenClaims(token, claims == null ? Map.of() : userClaims(claims));
    } catch (ParseException e) {
      return new IdTokenClaims(token, Map.of());
    }
  }

  /**
   * True when these are the claims of {@code idToken} (so a session keeping it need not hold them).
   */
  boolean readFrom(Secret idToken) {
    return idToken != null && (token == idToken || token.equals(idToken));
  }

  private static Map<String, Object> userClaims(JWTClaimsSet claims) {
    Map<String, Object> out = new HashMap<>();
    claims
        .toJSONObject()
        .forEach(
            (name, value) -> {
              if (value != null && !PROTOCOL_CLAIMS.contains(name)) {
                // Every session repeats the same dozen names, each a fresh String from the JSON
                // parser: interned they are kept once per JVM, not once per session (qf-auth-bench
                // SessionMemory).
                out.put(name.intern(), value);
              }
            });
    return Map.copyOf(out);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return claims.entrySet();
  }

  @Override
  public Object get(Object key) {
    return claims.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return claims.containsKey(key);
  }

  @Override
  public int size() {
    return claims.size();
  }
}
