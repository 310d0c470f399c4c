package dev.qfauth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mints the ID token of the {@link QfDefect.Family#ID_TOKEN} and {@link QfDefect.Family#KEYS}
 * defects from the genuine one: same claims (user, nonce, audience), one thing spoilt. Unless the
 * defect is about keys, it is signed with {@link HostileKeys#good()}, which the JWKS publishes, so
 * the spoilt part is the only reason to refuse it.
 */
final class IdTokenForger {
  private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS =
      new TypeReference<>() {};
  private static final String OTHER_ISSUER = "https://oauth2.quran.foundation/";
  private static final String OTHER_CLIENT = "another-client";

  private final HostileState state;

  IdTokenForger(HostileState state) {
    this.state = state;
  }

  /**
   * The ID token to send instead of {@code genuine}.
   *
   * @param accessToken the response's access token (a JWT signed by the stand-in)
   * @param clientSecret the secret the client authenticated with, or null for a public client
   */
  String forge(QfDefect defect, String genuine, String accessToken, String clientSecret) {
    Map<String, Object> claims = claims(genuine);
    HostileKeys keys = state.keys;
    return switch (defect) {
      case ID_TOKEN_NOT_A_JWT -> "this-is-not-a-jwt";
      case ID_TOKEN_ENCRYPTED -> encrypt(claims);
      case ID_TOKEN_ALG_NONE ->
          b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(json(claims)) + ".";
      case ID_TOKEN_SIGNATURE_STRIPPED -> {
        String signed = good(claims);
        yield signed.substring(0, signed.lastIndexOf('.') + 1);
      }
      case ID_TOKEN_PAYLOAD_ALTERED -> {
        String[] parts = good(claims).split("\\.");
        claims.put("sub", "admin");
        yield parts[0] + "." + b64(json(claims)) + "." + parts[2];
      }
      case ID_TOKEN_SIGNED_BY_UNPUBLISHED_KEY -> byAttacker(goodKid(), claims);
      case ID_TOKEN_ALG_HS256_CLIENT_SECRET ->
          HostileKeys.hmac(
              hs256Header(),
              json(claims),
              (clientSecret == null ? "" : clientSecret).getBytes(StandardCharsets.UTF_8));
      case ID_TOKEN_ALG_HS256_PUBLIC_KEY ->
          HostileKeys.hmac(hs256Header(), json(claims), publicKeyBytes(keys.good()));
      case ID_TOKEN_ALG_NOT_ADVERTISED -> good(goodKid(JWSAlgorithm.RS512), claims);
      case ID_TOKEN_ALG_ES256_UNDER_RSA_KID ->
          sign(goodKid(JWSAlgorithm.ES256), claims, keys.attackerEc());
      case ID_TOKEN_HEADER_JKU -> byAttacker(goodKid().jwkURL(attackerUrl("/jwks.json")), claims);
      case ID_TOKEN_HEADER_JWK ->
          byAttacker(goodKid().jwk(keys.attackerWithGoodKid().toPublicJWK()), claims);
      case ID_TOKEN_HEADER_X5U ->
          byAttacker(goodKid().x509CertURL(attackerUrl("/cert.pem")), claims);
      case ID_TOKEN_HEADER_CRIT_UNKNOWN ->
          good(
              goodKid()
                  .criticalParams(Set.of("urn:example:must-understand"))
                  .customParam("urn:example:must-understand", true),
              claims);
      case ID_TOKEN_TYP_ACCESS_TOKEN -> good(goodKid().type(new JOSEObjectType("at+jwt")), claims);
      case ID_TOKEN_IS_THE_ACCESS_TOKEN -> accessToken;
      case ID_TOKEN_FROM_EARLIER_LOGIN -> earlier(claims);
      case ID_TOKEN_DUPLICATE_CLAIM -> {
        String payload = json(claims);
        payload =
            payload.substring(0, payload.lastIndexOf('}'))
                + ",\"iss\":\""
                + state.attackerBase
                + "/\"}";
        yield HostileKeys.sign(goodKid().build(), payload, keys.good());
      }
      case ID_TOKEN_HEADER_DUPLICATE_MEMBER ->
          HostileKeys.signRaw(
              "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"hostile-unknown\",\"kid\":\""
                  + HostileKeys.GOOD_KID
                  + "\"}",
              json(claims),
              keys.good());
      case ID_TOKEN_SIGNATURE_PADDED -> good(claims) + "=";
      case ID_TOKEN_SIGNATURE_STANDARD_ALPHABET -> standardAlphabet(claims);
      // KEYS: genuine claims, spoilt signing key or kid (the JWKS side is in KeySetTamperer)
      case KEYS_ROTATED ->
          sign(HostileKeys.rs256(state.rotated().getKeyID()), claims, state.rotated());
      case KEYS_KID_ABSENT -> good(HostileKeys.rs256(null), claims);
      case KEYS_KID_ABSENT_UNPUBLISHED_KEY ->
          sign(HostileKeys.rs256(null), claims, keys.attacker());
      case KEYS_KID_UNKNOWN ->
          sign(
              HostileKeys.rs256("hostile-unknown-" + FakeValues.random()), claims, keys.attacker());
      case KEYS_USE_ENC ->
          sign(HostileKeys.rs256(KeySetTamperer.USE_ENC_KID), claims, keys.spare());
      case KEYS_OPS_ENCRYPT_ONLY ->
          sign(HostileKeys.rs256(KeySetTamperer.OPS_ENCRYPT_KID), claims, keys.spare());
      case KEYS_ALG_MISMATCH ->
          sign(HostileKeys.rs256(KeySetTamperer.ALG_RS512_KID), claims, keys.spare());
      case KEYS_TYPE_MISMATCH ->
          sign(HostileKeys.rs256(HostileKeys.EC_KID), claims, keys.attacker());
      case KEYS_RSA_1024 -> sign(HostileKeys.rs256(keys.weak().getKeyID()), claims, keys.weak());
      case KEYS_JWKS_MALFORMED_KEY ->
          sign(HostileKeys.rs256(KeySetTamperer.MALFORMED_KID), claims, keys.spare());
      case KEYS_JWKS_REDIRECTED ->
          sign(HostileKeys.rs256(HostileKeys.ATTACKER_KID), claims, keys.attacker());
      case KEYS_JWKS_DOWN,
          KEYS_JWKS_NOT_JSON,
          KEYS_JWKS_EMPTY,
          KEYS_JWKS_HUGE,
          KEYS_JWKS_NEVER_ENDING ->
          genuine; // the stand-in's own token; the relying party cannot load any key
      default -> good(spoilClaims(defect, claims));
    };
  }

  /** The claim defects: one claim missing, malformed or wrong. */
  private Map<String, Object> spoilClaims(QfDefect defect, Map<String, Object> c) {
    long now = now(c);
    switch (defect) {
      case ID_TOKEN_ISS_MISSING -> c.remove("iss");
      case ID_TOKEN_ISS_WRONG -> c.put("iss", OTHER_ISSUER);
      case ID_TOKEN_ISS_NOT_A_STRING -> c.put("iss", 42);
      case ID_TOKEN_SUB_MISSING -> c.remove("sub");
      case ID_TOKEN_SUB_EMPTY -> c.put("sub", "");
      case ID_TOKEN_SUB_NOT_A_STRING -> c.put("sub", Map.of("id", c.get("sub")));
      case ID_TOKEN_AUD_MISSING -> c.remove("aud");
      case ID_TOKEN_AUD_OTHER_CLIENT -> {
        c.put("aud", List.of(OTHER_CLIENT));
        c.put("azp", OTHER_CLIENT);
      }
      case ID_TOKEN_AUD_NOT_A_STRING -> c.put("aud", 42);
      case ID_TOKEN_AUD_SEVERAL_WITHOUT_AZP -> {
        c.put("aud", List.of(audience(c), OTHER_CLIENT));
        c.remove("azp");
      }
      case ID_TOKEN_AZP_OTHER_CLIENT -> c.put("azp", OTHER_CLIENT);
      case ID_TOKEN_EXP_MISSING -> c.remove("exp");
      case ID_TOKEN_EXPIRED -> {
        c.put("iat", now - 7200);
        c.put("nbf", now - 7200);
        c.put("exp", now - 3600);
      }
      case ID_TOKEN_EXP_NOT_A_NUMBER -> c.put("exp", "tomorrow");
      case ID_TOKEN_IAT_MISSING -> c.remove("iat");
      case ID_TOKEN_IAT_IN_THE_FUTURE -> {
        c.put("iat", now + 3600);
        c.put("exp", now + 7200);
        c.remove("nbf");
      }
      case ID_TOKEN_IAT_NOT_A_NUMBER -> c.put("iat", "yesterday");
      case ID_TOKEN_NBF_IN_THE_FUTURE -> {
        c.put("nbf", now + 3600);
        c.put("exp", now + 7200);
      }
      case ID_TOKEN_NBF_NOT_A_NUMBER -> c.put("nbf", "soon");
      case ID_TOKEN_NONCE_MISSING -> c.remove("nonce");
      case ID_TOKEN_NONCE_WRONG -> c.put("nonce", FakeValues.random());
      case ID_TOKEN_NONCE_NOT_A_STRING -> c.put("nonce", List.of(String.valueOf(c.get("nonce"))));
      case ID_TOKEN_SUB_TOO_LONG -> c.put("sub", "u".repeat(256));
      case ID_TOKEN_SUB_CONTROL_CHARACTERS ->
          c.put("sub", c.get("sub") + "\r\nSEVERE: forged log line");
      case ID_TOKEN_IAT_WEEK_OLD -> {
        c.put("iat", now - 7 * 86400);
        c.put("nbf", now - 7 * 86400);
        c.put("exp", now + 3600);
      }
      case ID_TOKEN_AT_HASH_WRONG ->
          c.put("at_hash", Grants.atHash("ory_at_" + FakeValues.random()));
      case ID_TOKEN_AT_HASH_MISSING -> c.remove("at_hash");
      default -> throw new IllegalStateException("not an ID token defect: " + defect);
    }
    return c;
  }

  /** The genuine ID token of the sign-in before this one, or a look-alike with another nonce. */
  private String earlier(Map<String, Object> claims) {
    String previous = state.lastGenuineIdToken;
    if (previous != null) {
      return previous;
    }
    claims.put("nonce", FakeValues.random());
    return good(claims);
  }

  /**
   * The genuine signature in the standard alphabet. A signature without '-' or '_' would read the
   * same, so the token is signed again (another jti) until it has one.
   */
  private String standardAlphabet(Map<String, Object> claims) {
    for (int attempt = 0; ; attempt++) {
      String jwt = good(claims);
      int dot = jwt.lastIndexOf('.');
      String signature = jwt.substring(dot + 1);
      if (signature.indexOf('-') >= 0 || signature.indexOf('_') >= 0) {
        return jwt.substring(0, dot + 1) + signature.replace('-', '+').replace('_', '/');
      }
      claims.put("jti", "respelled-" + attempt);
    }
  }

  private String good(Map<String, Object> claims) {
    return good(goodKid(), claims);
  }

  /** Signed by the published key {@link HostileKeys#good()}. */
  private String good(JWSHeader.Builder header, Map<String, Object> claims) {
    return sign(header, claims, state.keys.good());
  }

  /** Signed by the attacker's key that poses under the published kid. */
  private String byAttacker(JWSHeader.Builder header, Map<String, Object> claims) {
    return sign(header, claims, state.keys.attackerWithGoodKid());
  }

  /** An RS256 header naming the published key's kid. */
  private static JWSHeader.Builder goodKid() {
    return HostileKeys.rs256(HostileKeys.GOOD_KID);
  }

  /** A header for {@code alg} naming the published key's kid. */
  private static JWSHeader.Builder goodKid(JWSAlgorithm alg) {
    return new JWSHeader.Builder(alg).keyID(HostileKeys.GOOD_KID).type(JOSEObjectType.JWT);
  }

  private URI attackerUrl(String path) {
    return URI.create(state.attackerBase + path);
  }

  private static String sign(JWSHeader.Builder header, Map<String, Object> claims, JWK key) {
    return HostileKeys.sign(header.build(), json(claims), key);
  }

  private String encrypt(Map<String, Object> claims) {
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                  .keyID(HostileKeys.GOOD_KID)
                  .build(),
              new Payload(json(claims)));
      jwe.encrypt(new RSAEncrypter(state.keys.good().toRSAPublicKey()));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not encrypt a hostile token", e);
    }
  }

  private static byte[] publicKeyBytes(com.nimbusds.jose.jwk.RSAKey key) {
    try {
      return key.toRSAPublicKey().getEncoded();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hs256Header() {
    return "{\"alg\":\"HS256\",\"kid\":\"" + HostileKeys.GOOD_KID + "\",\"typ\":\"JWT\"}";
  }

  private static String audience(Map<String, Object> claims) {
    Object aud = claims.get("aud");
    return aud instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : "" + aud;
  }

  private static long now(Map<String, Object> claims) {
    return claims.get("iat") instanceof Number iat
        ? iat.longValue()
        : Instant.now().getEpochSecond();
  }

  /** The claims of a JWT, unverified (it is the stand-in's own). */
  static Map<String, Object> claims(String jwt) {
    String[] parts = jwt.split("\\.");
    try {
      return Responses.JSON.readValue(Base64URL.from(parts[1]).decodeToString(), CLAIMS);
    } catch (JsonProcessingException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("the stand-in's ID token is not a JWT", e);
    }
  }

  private static String json(Map<String, Object> claims) {
    return RawAnswers.write(claims);
  }

  private static String b64(String text) {
    return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
