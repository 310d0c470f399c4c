package dev.qfauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies ID tokens as OIDC Core 1.0 3.1.3.7 asks. Signature and JOSE parsing are nimbus's; the
 * claim rules are spelled out here so each cites its step. Where nimbus is lenient (it decodes
 * padded or non-base64url segments), a strict check of the compact serialization comes first. The
 * expected nonce is an argument, never state of this class.
 */
final class IdTokenVerifier {
  /**
   * The oldest {@code iat} accepted, beyond the skew: QF's ID-token lifetime. OIDC Core 3.1.3.7
   * step 10 lets the client refuse tokens issued too far from now; every ID token we verify comes
   * straight from the token endpoint, so one older than QF would ever keep it is replayed or forged
   * with a stretched {@code exp} (the OIDF FAPI 1.0 RP test iat-is-week-in-past). With QF's 1 h
   * {@code exp}, a genuine token this old has expired anyway, so the bound refuses nothing genuine.
   */
  static final Duration MAX_AGE = Duration.ofHours(1);

  /** OIDC Core 2: sub "MUST NOT exceed 255 ASCII characters in length". */
  static final int MAX_SUB_LENGTH = 255;

  private static final String ID_TOKEN = "ID token";
  private static final String LOGOUT_TOKEN = "logout token";
  private static final Set<JOSEObjectType> ID_TOKEN_TYPES =
      new HashSet<>(Arrays.asList(JOSEObjectType.JWT, null));
  // Back-Channel Logout 2.4: explicit typing (logout+jwt) is recommended; Hydra sends JWT.
  private static final Set<JOSEObjectType> LOGOUT_TOKEN_TYPES =
      new HashSet<>(Arrays.asList(JOSEObjectType.JWT, new JOSEObjectType("logout+jwt"), null));

  private final Provider provider;
  private final String clientId;
  private final Duration skew;
  private final Clock clock;

  /** Checks tokens for {@code config}'s client id, with its clock and clock skew. */
  IdTokenVerifier(Provider provider, QfAuthConfig config) {
    this.provider = provider;
    this.clientId = config.clientId();
    this.skew = config.clockSkew();
    this.clock = config.clock();
  }

  /**
   * @param accessToken the access token of the same token response, checked against {@code at_hash}
   *     when the ID token has one
   * @param expectedNonce the nonce sent in the authorization request; {@code null} on refresh,
   *     where OIDC Core 12.2 does not require one
   * @return the verified claims
   * @throws SignInException with {@link QfErrorCode#ID_TOKEN_INVALID} naming the failed check
   */
  JWTClaimsSet verify(Secret idToken, Secret accessToken, String expectedNonce) {
    ProviderMetadata metadata = provider.metadata();
    Signed signed = signedClaims(idToken.reveal(), ID_TOKEN, ID_TOKEN_TYPES, metadata);
    JWTClaimsSet claims = signed.claims();
    checkClaims(claims, metadata.issuer(), ID_TOKEN);
    String sub = claims.getSubject();
    if (sub == null || sub.isBlank()) {
      throw invalid(ID_TOKEN, "it has no sub");
    }
    // Step 11: the nonce equals the one we sent; a token from another login has another nonce.
    Object nonce = claims.getClaim("nonce");
    if (expectedNonce != null && !expectedNonce.equals(nonce)) {
      throw invalid(ID_TOKEN, "its nonce does not match this sign-in");
    }
    checkAccessTokenHash(claims, signed.alg(), accessToken);
    return claims;
  }

  /**
   * OIDC Back-Channel Logout 1.0 2.6 steps 2 (signature, iss, aud, iat, exp, as for an ID token):
   * the claims the caller checks further (events, sub/sid, nonce, jti).
   *
   * @throws SignInException with {@link QfErrorCode#ID_TOKEN_INVALID} naming the failed check, or
   *     {@link QfErrorCode#PROVIDER_UNAVAILABLE} when the keys could not be loaded
   */
  JWTClaimsSet verifyLogoutToken(String logoutToken) {
    ProviderMetadata metadata = provider.metadata();
    JWTClaimsSet claims =
        signedClaims(logoutToken, LOGOUT_TOKEN, LOGOUT_TOKEN_TYPES, metadata).claims();
    checkClaims(claims, metadata.issuer(), LOGOUT_TOKEN);
    return claims;
  }

  /** Strict compact JWS, an advertised algorithm, a signature by one of the provider's keys. */
  private Signed signedClaims(
      String compact, String what, Set<JOSEObjectType> types, ProviderMetadata metadata) {
    if (!strictCompactJws(compact)) {
      throw invalid(
          what,
          compact.chars().filter(c -> c == '.').count() == 2
              ? "a segment is not base64url without padding (RFC 7515 2, 7.1)"
              : "it is not a signed JWT");
    }
    SignedJWT jwt;
    try {
      // Step 1 (encrypted tokens) does not apply: we never register for JWE, so a JWE is refused
      // here as not a signed JWT.
      // nimbus's JSON parser refuses a header or claims set naming a member twice (RFC 7515 4,
      // RFC 7519 4: names MUST be unique, and a parser either refuses or keeps the last; refusing
      // leaves no room for two readers to disagree), so neither is checked again here;
      // IdTokenVerifierTest pins it.
      jwt = SignedJWT.parse(compact);
    } catch (ParseException e) {
      throw invalid(what, "it is not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    // Step 6-7: only the algorithms the provider advertises for ID tokens (RS256 for Hydra). Never
    // "none", never HMAC: an attacker could otherwise pick the algorithm (RFC 8725 3.1).
    if (!metadata.idTokenAlgorithms().contains(alg)) {
      throw invalid(
          what, "it is signed with " + alg + ", expected " + metadata.idTokenAlgorithms());
    }
    try {
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(types));
      JWKSource<SecurityContext> keys = provider.keys();
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              metadata.idTokenAlgorithms(),
              (selector, context) ->
                  keys.get(selector, context).stream().filter(IdTokenVerifier::usable).toList()));
      processor.setJWTClaimsSetVerifier(
          (c, ctx) -> {}); // claims are checked below, against our clock
      return new Signed(processor.process(jwt, null), alg);
    } catch (BadJOSEException e) {
      throw invalid(
          what,
          "its signature did not verify against the provider's keys (" + e.getMessage() + ")");
    } catch (KeySourceException e) {
      // The JWKS could not be had (unreachable, 5xx, timeout, unparsable, refetch limit): no
      // verdict on the token. A refresh keeps its session on this; see Refresher.rotate.
      throw SignInException.providerUnavailable(
          "The provider's signing keys could not be loaded (" + e.getMessage() + ")");
    } catch (JOSEException e) {
      // The keys were loaded but checking the signature with them failed: a verdict.
      throw invalid(what, "its signature could not be checked (" + e.getMessage() + ")");
    }
  }

  /**
   * RFC 7515 7.1: the compact serialization is exactly three base64url segments, each encoded
   * without padding and without any character outside the URL-safe alphabet (RFC 7515 2). nimbus
   * decodes leniently (skips foreign characters, accepts "=" and the standard alphabet), so "sig=",
   * "si*g" or "s+g" would verify as "sig": one signature, many tokens. Empty segments stay legal
   * here (an empty signature is refused by the algorithm and signature checks).
   */
  static boolean strictCompactJws(String compact) {
    int dots = 0;
    for (int i = 0; i < compact.length(); i++) {
      char c = compact.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return dots == 2;
  }

  /**
   * OIDC Core 3.1.3.8 (and 3.2.2.9): when present, at_hash is the base64url left half of the hash
   * of the access token's ASCII octets, with the hash of the ID token's JWS alg. The code flow
   * makes it optional (OIDF FAPI 1.0 RP test missing-athash succeeds), but one that is present and
   * wrong means the two tokens were not issued together.
   */
  private static void checkAccessTokenHash(JWTClaimsSet claims, JWSAlgorithm alg, Secret access) {
    Object atHash = claims.getClaim("at_hash");
    if (atHash == null) {
      return;
    }
    if (!(atHash instanceof String expected) || access == null) {
      throw invalid(ID_TOKEN, "its at_hash is not a string or there is no access token");
    }
    String hashName = hashOf(alg);
    if (hashName == null) {
      throw invalid(ID_TOKEN, "its at_hash cannot be checked for " + alg);
    }
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance(hashName)
              .digest(access.reveal().getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(hashName + " is missing from this JDK", e);
    }
    byte[] leftHalf = Arrays.copyOf(digest, digest.length / 2);
    byte[] actual = Base64URL.encode(leftHalf).toString().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(actual, expected.getBytes(StandardCharsets.US_ASCII))) {
      throw invalid(ID_TOKEN, "its at_hash does not match the access token (OIDC Core 3.1.3.8)");
    }
  }

  /** The SHA-2 function of a JWS algorithm (RFC 7518 3.1): SHA-256 for RS256, PS256, ES256. */
  private static String hashOf(JWSAlgorithm alg) {
    String name = alg.getName();
    if (name.endsWith("256")) {
      return "SHA-256";
    }
    if (name.endsWith("384")) {
      return "SHA-384";
    }
    if (name.endsWith("512")) {
      return "SHA-512";
    }
    return null;
  }

  /** The checks ID and logout tokens share (OIDC Core 3.1.3.7; Back-Channel Logout 2.6 step 3). */
  private void checkClaims(JWTClaimsSet claims, String issuer, String what) {
    // Step 2: iss equals the discovered issuer exactly.
    if (!issuer.equals(claims.getIssuer())) {
      throw invalid(what, "its issuer is not " + issuer);
    }
    // OIDC Core 2: sub is at most 255 ASCII characters. Control characters (ASCII too) are also
    // refused: sub goes into logs and the principal name. (A logout token may have none.)
    String sub = claims.getSubject();
    if (sub != null
        && (sub.isEmpty()
            || sub.length() > MAX_SUB_LENGTH
            || !sub.chars().allMatch(c -> c >= 0x20 && c <= 0x7e))) {
      throw invalid(what, "its sub is not 1 to 255 printable ASCII characters (OIDC Core 2)");
    }
    // Step 3: aud contains our client id.
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(clientId)) {
      throw invalid(what, "its audience does not include this client");
    }
    // Steps 4-5: several audiences need azp, and azp, when present, must be us.
    Object azp = claims.getClaim("azp");
    if (audience.size() > 1 && azp == null) {
      throw invalid(what, "it has several audiences and no azp");
    }
    if (azp != null && !clientId.equals(azp)) {
      throw invalid(what, "its azp is another client");
    }
    Instant now = clock.instant();
    // Step 9: not expired (with skew).
    Date exp = claims.getExpirationTime();
    if (exp == null || !now.isBefore(exp.toInstant().plus(skew))) {
      throw invalid(what, "it is expired or has no exp");
    }
    // Step 10: iat present and not in the future (with skew), nor older than MAX_AGE.
    Date iat = claims.getIssueTime();
    if (iat == null || iat.toInstant().isAfter(now.plus(skew))) {
      throw invalid(what, "its iat is missing or in the future (check the server clock)");
    }
    if (iat.toInstant().isBefore(now.minus(MAX_AGE).minus(skew))) {
      throw invalid(what, "its iat is more than " + MAX_AGE.toMinutes() + " minutes old");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
      throw invalid(what, "it is not valid yet (nbf)");
    }
  }

  /**
   * nimbus matches keys by kid, type, use and alg only. A published key is also refused when its
   * key_ops are listed without "verify" (RFC 7517 4.3), or when it is an RSA key under 2048 bits
   * (RFC 7518 3.3: such a key MUST NOT be used with RS/PS algorithms; RFC 8725 3.5).
   */
  private static boolean usable(JWK key) {
    if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
      return false;
    }
    return !(key instanceof RSAKey rsa) || rsa.size() >= 2048;
  }

  /** Claims whose signature verified, and the algorithm it used. */
  private record Signed(JWTClaimsSet claims, JWSAlgorithm alg) {}

  private static SignInException invalid(String what, String why) {
    return SignInException.idTokenInvalid("The " + what + " was rejected: " + why + ".");
  }
}
