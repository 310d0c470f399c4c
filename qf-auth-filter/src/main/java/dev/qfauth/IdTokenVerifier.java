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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Verifies ID tokens as OIDC Core 1.0 3.1.3.7 asks. Signature and JOSE parsing are nimbus's; the
 * claim rules are spelled out here so each cites its step. The expected nonce is an argument, never
 * state of this class.
 */
final class IdTokenVerifier {
  private final Provider provider;
  private final String clientId;
  private final Duration skew;
  private final Clock clock;

  IdTokenVerifier(Provider provider, String clientId, Duration skew, Clock clock) {
    this.provider = provider;
    this.clientId = clientId;
    this.skew = skew;
    this.clock = clock;
  }

  /**
   * @param expectedNonce the nonce sent in the authorization request; {@code null} on refresh,
   *     where OIDC Core 12.2 does not require one
   * @return the verified claims
   * @throws QfLoginException with {@link QfErrorCode#ID_TOKEN_INVALID} naming the failed check
   */
  JWTClaimsSet verify(Secret idToken, String expectedNonce) {
    ProviderMetadata metadata = provider.metadata();
    SignedJWT jwt;
    try {
      // Step 1 (encrypted tokens) does not apply: we never register for JWE, so a JWE is refused
      // here as not a signed JWT.
      jwt = SignedJWT.parse(idToken.reveal());
    } catch (ParseException e) {
      throw invalid("it is not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    // Step 6-7: only the algorithms the provider advertises for ID tokens (RS256 for Hydra). Never
    // "none", never HMAC: an attacker could otherwise pick the algorithm (RFC 8725 3.1).
    if (!metadata.idTokenAlgorithms().contains(alg)) {
      throw invalid("it is signed with " + alg + ", expected " + metadata.idTokenAlgorithms());
    }
    JWTClaimsSet claims;
    try {
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
      JWKSource<SecurityContext> keys = provider.keys();
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              metadata.idTokenAlgorithms(),
              (selector, context) ->
                  keys.get(selector, context).stream().filter(IdTokenVerifier::usable).toList()));
      processor.setJWTClaimsSetVerifier(
          (c, ctx) -> {}); // claims are checked below, against our clock
      claims = processor.process(jwt, null);
    } catch (BadJOSEException e) {
      throw invalid(
          "its signature did not verify against the provider's keys (" + e.getMessage() + ")");
    } catch (KeySourceException e) {
      // The JWKS could not be had (unreachable, 5xx, timeout, unparsable, refetch limit): no
      // verdict on the token. A refresh keeps its session on this; see Refresher.rotate.
      throw new QfLoginException(
          QfErrorCode.PROVIDER_UNAVAILABLE,
          "The provider's signing keys could not be loaded (" + e.getMessage() + ")");
    } catch (JOSEException e) {
      // The keys were loaded but checking the signature with them failed: a verdict.
      throw invalid("its signature could not be checked (" + e.getMessage() + ")");
    }
    checkClaims(claims, metadata.issuer(), expectedNonce);
    return claims;
  }

  private void checkClaims(JWTClaimsSet claims, String issuer, String expectedNonce) {
    // Step 2: iss equals the discovered issuer exactly.
    if (!issuer.equals(claims.getIssuer())) {
      throw invalid("its issuer is not " + issuer);
    }
    if (claims.getSubject() == null || claims.getSubject().isBlank()) {
      throw invalid("it has no sub");
    }
    // Step 3: aud contains our client id.
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(clientId)) {
      throw invalid("its audience does not include this client");
    }
    // Steps 4-5: several audiences need azp, and azp, when present, must be us.
    Object azp = claims.getClaim("azp");
    if (audience.size() > 1 && azp == null) {
      throw invalid("it has several audiences and no azp");
    }
    if (azp != null && !clientId.equals(azp)) {
      throw invalid("its azp is another client");
    }
    Instant now = clock.instant();
    // Step 9: not expired (with skew).
    Date exp = claims.getExpirationTime();
    if (exp == null || !now.isBefore(exp.toInstant().plus(skew))) {
      throw invalid("it is expired or has no exp");
    }
    // Step 10: iat present and not in the future (with skew).
    Date iat = claims.getIssueTime();
    if (iat == null || iat.toInstant().isAfter(now.plus(skew))) {
      throw invalid("its iat is missing or in the future (check the server clock)");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
      throw invalid("it is not valid yet (nbf)");
    }
    // Step 11: the nonce equals the one we sent; a token from another login has another nonce.
    Object nonce = claims.getClaim("nonce");
    if (expectedNonce != null && !expectedNonce.equals(nonce)) {
      throw invalid("its nonce does not match this sign-in");
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

  private static QfLoginException invalid(String why) {
    return new QfLoginException(
        QfErrorCode.ID_TOKEN_INVALID, "The ID token was rejected: " + why + ".");
  }
}
