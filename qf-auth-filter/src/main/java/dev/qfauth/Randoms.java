package dev.qfauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Fresh unguessable values from one {@link SecureRandom}: handles, state, nonce, PKCE. */
final class Randoms {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Randoms() {}

  /** 32 random bytes, base64url without padding (43 characters). */
  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return URL.encodeToString(bytes);
  }

  /**
   * RFC 7636 4.1: a fresh code verifier per authorization request, 32 random bytes base64url (43
   * characters of the unreserved set), well inside the 43..128 range Hydra enforces.
   */
  static String codeVerifier() {
    return token();
  }

  /** RFC 7636 4.2: S256 challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
  static String codeChallenge(String codeVerifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
      return URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
