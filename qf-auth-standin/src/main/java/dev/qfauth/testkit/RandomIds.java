package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers in the shape of Hydra's: random bytes, base64url without padding. */
final class RandomIds {
  private RandomIds() {}

  static String of(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
