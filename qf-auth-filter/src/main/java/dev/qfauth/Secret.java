package dev.qfauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (client secret, token, code verifier) whose {@link #toString()} never prints it.
 * Records that hold a secret hold this type, so their generated {@code toString()} stays safe to
 * log.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps a non-null value. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** Wraps {@code value}, or returns {@code null} when it is {@code null}. */
  static Secret ofNullable(String value) {
    return value == null ? null : new Secret(value);
  }

  /** The secret itself. Call only where it is sent to the party that must receive it. */
  public String reveal() {
    return value;
  }

  /** Constant-time comparison, so timing does not leak how much of a guess was right. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
