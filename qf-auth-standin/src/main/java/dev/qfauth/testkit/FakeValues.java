package dev.qfauth.testkit;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Random stand-ins for values an attacker makes up. */
final class FakeValues {
  private static final SecureRandom RANDOM = new SecureRandom();

  private FakeValues() {}

  /** 32 random bytes, base64url: the shape of a real state, code or token. */
  static String random() {
    return RandomIds.of(RANDOM, 32);
  }

  /** An unsigned JWT claiming to be from {@code issuer} for user "admin". */
  static String unsignedJwt(String issuer) {
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String payload = "{\"iss\":\"" + issuer + "\",\"sub\":\"admin\",\"aud\":\"any\"}";
    return Base64URL.encode(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8))
        + ".";
  }
}
