package dev.qfauth.redis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that seal session values at rest (AES/GCM/NoPadding from the JDK; NIST SP
 * 800-38D): the current key seals, every listed key opens, so a key is rotated by listing a new one
 * first while the old one still decrypts. A sealed value is {@code [1][id length][id][96-bit
 * IV][ciphertext + 128-bit tag]}; the caller's associated data (the Redis key name, which holds the
 * environment and app) is authenticated too, so a value moved to another key does not open.
 *
 * <p>Immutable and thread-safe. The key bytes never leave this class and are never printed.
 */
final class KeyRing {
  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final byte FORMAT = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String currentId;
  private final byte[] currentIdBytes;
  private final Map<String, SecretKey> keys;

  private KeyRing(String currentId, Map<String, SecretKey> keys) {
    this.currentId = currentId;
    this.currentIdBytes = currentId.getBytes(StandardCharsets.US_ASCII);
    this.keys = keys;
  }

  /**
   * Parses {@code id:base64[,id:base64...]}; the first entry is the current key.
   *
   * @param setting the setting's name, for messages
   * @throws IllegalArgumentException naming {@code setting}, never echoing a key
   */
  static KeyRing parse(String setting, String text) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String first = null;
    for (String entry : text.trim().split("[\\s,]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            setting + " must list keys as id:base64 (e.g. k1:<32 random bytes in base64>)");
      }
      String id = entry.substring(0, colon);
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            setting + ": a key id must be 1 to 32 of A-Z a-z 0-9 . _ -");
      }
      byte[] material;
      try {
        material = Base64.getDecoder().decode(entry.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(setting + ": key " + id + " is not valid base64");
      }
      if (material.length != 32) {
        throw new IllegalArgumentException(
            setting
                + ": key "
                + id
                + " must be 256 bits (32 bytes, 44 base64 characters), got "
                + material.length
                + " bytes; make one with: openssl rand -base64 32");
      }
      if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
        throw new IllegalArgumentException(setting + ": key id " + id + " is listed twice");
      }
      if (first == null) {
        first = id;
      }
    }
    if (first == null) {
      throw new IllegalArgumentException(setting + " lists no key");
    }
    return new KeyRing(first, Map.copyOf(keys));
  }

  String currentId() {
    return currentId;
  }

  /** Encrypts {@code plaintext} with the current key and a fresh random IV. */
  byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData);
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[2 + currentIdBytes.length + IV_BYTES + sealed.length];
      out[0] = FORMAT;
      out[1] = (byte) currentIdBytes.length;
      System.arraycopy(currentIdBytes, 0, out, 2, currentIdBytes.length);
      System.arraycopy(iv, 0, out, 2 + currentIdBytes.length, IV_BYTES);
      System.arraycopy(sealed, 0, out, 2 + currentIdBytes.length + IV_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available in this JDK", e);
    }
  }

  /** What opening a sealed value gave. */
  sealed interface Opened {}

  /** The plaintext: the value is authentic. */
  record Plain(byte[] bytes) implements Opened {}

  /** Sealed with a key id this ring does not hold (a node not yet given a new key?). */
  record UnknownKey(String keyId) implements Opened {}

  /** Malformed, or failed GCM authentication: tampered, truncated or moved. */
  record Forged() implements Opened {}

  Opened open(byte[] value, byte[] associatedData) {
    if (value.length < 2 || value[0] != FORMAT) {
      return new Forged();
    }
    int idLength = value[1] & 0xff;
    int ivAt = 2 + idLength;
    if (value.length < ivAt + IV_BYTES + TAG_BITS / 8) {
      return new Forged();
    }
    String id = new String(value, 2, idLength, StandardCharsets.US_ASCII);
    SecretKey key = keys.get(id);
    if (key == null) {
      return KEY_ID.matcher(id).matches() ? new UnknownKey(id) : new Forged();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, ivAt, IV_BYTES));
      cipher.updateAAD(associatedData);
      return new Plain(cipher.doFinal(value, ivAt + IV_BYTES, value.length - ivAt - IV_BYTES));
    } catch (javax.crypto.AEADBadTagException e) {
      return new Forged();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available in this JDK", e);
    }
  }

  /** For tests: the key id a sealed value names, if readable. */
  static Optional<String> keyIdOf(byte[] value) {
    if (value.length < 2 || value[0] != FORMAT || value.length < 2 + (value[1] & 0xff)) {
      return Optional.empty();
    }
    return Optional.of(new String(value, 2, value[1] & 0xff, StandardCharsets.US_ASCII));
  }
}
