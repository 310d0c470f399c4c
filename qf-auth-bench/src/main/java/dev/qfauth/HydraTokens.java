package dev.qfauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Tokens shaped like the ones QF's Ory Hydra issues: opaque {@code ory_at_...} / {@code ory_rt_...}
 * access and refresh tokens (94 characters), and an RS256 ID token (2048-bit key, {@code kid},
 * {@code typ: JWT}) with Hydra's protocol claims plus QF's user claims.
 */
final class HydraTokens {
  static final String CLIENT_ID = "bench-client";
  static final String SCOPE = "openid offline_access user collection";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();
  private final String issuer;
  final RSAKey key;

  HydraTokens(String issuer) {
    this.issuer = issuer;
    try {
      this.key = new RSAKeyGenerator(2048).keyID("public:" + UUID.randomUUID()).generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hydra's opaque token format: prefix, 32 random bytes, '.', 32 random bytes (signature). */
  String opaque(String prefix) {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    random.nextBytes(a);
    random.nextBytes(b);
    return prefix + B64.encodeToString(a) + "." + B64.encodeToString(b);
  }

  /** The claims of a fresh ID token for a new user, as Hydra and QF put them. */
  JWTClaimsSet idClaims(String nonce) {
    Instant now = Instant.now();
    String sub = UUID.randomUUID().toString();
    byte[] atHash = new byte[16];
    random.nextBytes(atHash);
    return new JWTClaimsSet.Builder()
        .claim("at_hash", B64.encodeToString(atHash))
        .audience(List.of(CLIENT_ID))
        .claim("auth_time", now.getEpochSecond())
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .issueTime(Date.from(now))
        .issuer(issuer)
        .jwtID(UUID.randomUUID().toString())
        .claim("nonce", nonce)
        .claim("rat", now.getEpochSecond() - 3)
        .claim("sid", UUID.randomUUID().toString())
        .subject(sub)
        .claim("email", "user." + sub.substring(0, 8) + "@example.org")
        .claim("first_name", "Amina")
        .claim("last_name", "Rahman")
        .claim("name", "Amina Rahman")
        .build();
  }

  /** A properly signed ID token (for verification benchmarks). */
  String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(header(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An ID token of the same size and shape with random signature bytes: for memory runs that build
   * a million tokens, where only the bytes kept matter and nothing verifies them.
   */
  String unsigned(JWTClaimsSet claims) {
    byte[] signature = new byte[256];
    random.nextBytes(signature);
    return header().toBase64URL()
        + "."
        + Base64URL.encode(claims.toString())
        + "."
        + Base64URL.encode(signature);
  }

  private JWSHeader header() {
    return new JWSHeader.Builder(JWSAlgorithm.RS256)
        .keyID(key.getKeyID())
        .type(JOSEObjectType.JWT)
        .build();
  }

  /** OIDC Core 3.1.3.6: the left half of SHA-256 over the access token, base64url. */
  static String atHash(String accessToken) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(accessToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return B64.encodeToString(java.util.Arrays.copyOf(hash, 16));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token endpoint answer as Hydra sends it after a code exchange. */
  String tokenResponse(String idToken) {
    return "{\"access_token\":\""
        + opaque("ory_at_")
        + "\",\"expires_in\":3599,\"id_token\":\""
        + idToken
        + "\",\"refresh_token\":\""
        + opaque("ory_rt_")
        + "\",\"scope\":\""
        + SCOPE
        + "\",\"token_type\":\"bearer\"}";
  }
}
