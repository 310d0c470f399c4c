package dev.qfauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 S256 verification with fosite's checks and hints (pkce/handler.go). */
final class Pkce {
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]+");

  private Pkce() {}

  /** Null when the verifier matches the challenge recorded at authorize (or neither was used). */
  static OAuthError verify(String challenge, String verifier) {
    if (challenge == null) {
      // A verifier without a challenge is a PKCE downgrade attempt (RFC 9700 2.1.1).
      return verifier == null
          ? null
          : OAuthError.invalidGrant(
              "The PKCE code verifier was provided but the code challenge was absent from the"
                  + " authorization request.");
    }
    if (verifier == null || verifier.length() < 43) {
      return OAuthError.invalidGrant("The PKCE code verifier must be at least 43 characters.");
    }
    if (verifier.length() > 128) {
      return OAuthError.invalidGrant(
          "The PKCE code verifier can not be longer than 128 characters.");
    }
    if (!VERIFIER.matcher(verifier).matches()) {
      return OAuthError.invalidGrant(
          "The PKCE code verifier must only contain [a-Z], [0-9], '-', '.', '_', '~'.");
    }
    byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
    byte[] actual = s256(verifier).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual)
        ? null
        : OAuthError.invalidGrant("The PKCE code challenge did not match the code verifier.");
  }

  static String s256(String verifier) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
  }

  static byte[] sha256(String ascii) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(ascii.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
