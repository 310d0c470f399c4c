package dev.qfauth.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hostile provider's own keys and the JWS it mints with them. {@code good} is published in the
 * JWKS whenever the hostile provider is installed, so tokens it signs verify; the attacker keys are
 * never published at the provider. Keys are generated on first use (RSA generation is slow), at the
 * latest by {@link #prepare()} when a defect is injected.
 */
final class HostileKeys {
  static final String GOOD_KID = "hostile-signing-1";
  static final String ATTACKER_KID = "hostile-attacker";
  static final String EC_KID = "hostile-ec";

  private final AtomicInteger rotations = new AtomicInteger();
  private final RSAKey good = rsa(2048, GOOD_KID);
  private RSAKey attacker;
  private RSAKey attackerWithGoodKid;
  private RSAKey spare;
  private RSAKey weak;
  private ECKey ec;
  private ECKey attackerEc;

  RSAKey good() {
    return good;
  }

  /**
   * Makes every key a defect may sign with now, when the defect is injected, rather than inside an
   * answer: on a loaded machine an RSA key made mid-answer ate into the client's own deadline, and
   * the client under test failed for the wrong reason (a timeout instead of the forged token).
   */
  void prepare() {
    attacker();
    attackerWithGoodKid();
    spare();
    weak();
    ec();
    attackerEc();
  }

  /** Never published at the provider; only in the attacker's JWKS. */
  synchronized RSAKey attacker() {
    if (attacker == null) {
      attacker = rsa(2048, ATTACKER_KID);
    }
    return attacker;
  }

  /** An attacker key that claims the kid of {@link #good()}. */
  synchronized RSAKey attackerWithGoodKid() {
    if (attackerWithGoodKid == null) {
      attackerWithGoodKid = rsa(2048, GOOD_KID);
    }
    return attackerWithGoodKid;
  }

  /** Published under various kids with spoilt metadata ({@code use=enc}, {@code alg=RS512}...). */
  synchronized RSAKey spare() {
    if (spare == null) {
      spare = rsa(2048, "hostile-spare");
    }
    return spare;
  }

  synchronized RSAKey weak() {
    if (weak == null) {
      weak = rsa(1024, "hostile-rsa-1024");
    }
    return weak;
  }

  synchronized ECKey ec() {
    if (ec == null) {
      ec = ec(EC_KID);
    }
    return ec;
  }

  synchronized ECKey attackerEc() {
    if (attackerEc == null) {
      attackerEc = ec("hostile-attacker-ec");
    }
    return attackerEc;
  }

  /** A brand-new signing key with a kid never used before. */
  RSAKey rotate() {
    return rsa(2048, "hostile-rotated-" + rotations.incrementAndGet());
  }

  /** Signs {@code payloadJson} verbatim (duplicate or odd claims survive) with {@code key}. */
  static String sign(JWSHeader header, String payloadJson, JWK key) {
    try {
      JWSSigner signer =
          key instanceof RSAKey rsa
              ? new RSASSASigner(rsa.toPrivateKey(), true) // true: the 1024-bit key is the point
              : new ECDSASigner((ECKey) key);
      JWSObject jws = new JWSObject(header, new Payload(payloadJson));
      jws.sign(signer);
      return jws.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a hostile token", e);
    }
  }

  /** HS256 by hand: nimbus refuses keys shorter than 256 bits, and a client secret may be. */
  /** Signs exactly these JSON texts with RS256, whatever a JOSE library would make of them. */
  static String signRaw(String headerJson, String payloadJson, RSAKey key) {
    String input =
        Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + Base64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
    try {
      Base64URL signature =
          new RSASSASigner(key.toPrivateKey(), true)
              .sign(new JWSHeader(JWSAlgorithm.RS256), input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + signature;
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a hostile token", e);
    }
  }

  static String hmac(String headerJson, String payloadJson, byte[] key) {
    String input =
        Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + Base64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      byte[] signature = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64URL.encode(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  static JWSHeader.Builder rs256(String kid) {
    JWSHeader.Builder header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(com.nimbusds.jose.JOSEObjectType.JWT);
    return kid == null ? header : header.keyID(kid);
  }

  private static RSAKey rsa(int bits, String kid) {
    try {
      return new RSAKeyGenerator(bits, true).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate an RSA key", e);
    }
  }

  private static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate an EC key", e);
    }
  }
}
