package dev.qfauth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A {@link LoginTransaction} as bytes for a shared {@link PendingSignIns} store: a format version,
 * then each field. The store seals the bytes (they hold the PKCE verifier); this only frames them.
 * Stateless.
 */
final class SignInCodec {
  private static final int VERSION = 1;

  private SignInCodec() {}

  static byte[] encode(LoginTransaction tx) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(tx.state());
      out.writeUTF(tx.nonce());
      out.writeUTF(tx.codeVerifier().reveal());
      out.writeUTF(tx.browser());
      out.writeBoolean(tx.returnTo() != null);
      if (tx.returnTo() != null) {
        out.writeUTF(tx.returnTo());
      }
      out.writeLong(tx.createdAt().toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /** The sign-in, or {@code null} when the bytes are not one this version wrote. */
  static LoginTransaction decode(byte[] value) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      if (in.readUnsignedByte() != VERSION) {
        return null;
      }
      String state = in.readUTF();
      String nonce = in.readUTF();
      Secret verifier = Secret.of(in.readUTF());
      String browser = in.readUTF();
      String returnTo = in.readBoolean() ? in.readUTF() : null;
      Instant createdAt = Instant.ofEpochMilli(in.readLong());
      return in.available() == 0
          ? new LoginTransaction(state, nonce, verifier, browser, returnTo, createdAt)
          : null;
    } catch (IOException e) {
      return null;
    }
  }
}
