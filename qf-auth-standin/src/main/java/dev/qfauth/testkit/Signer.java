package dev.qfauth.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * Signs ID tokens and JWT access tokens with mock-oauth2-server's key and token providers, so no
 * JOSE code of our own mints tokens. Like Hydra, ID tokens and access tokens use separate keys;
 * both appear in the JWKS.
 */
final class Signer {
  private final KeyProvider keys;
  private final OAuth2TokenProvider provider;
  private final String instance;
  // Every kid ever used stays in the JWKS, so tokens signed before a rotation still verify.
  private final List<String> kids = new CopyOnWriteArrayList<>();
  private volatile String idTokenKid;
  private final String accessTokenKid;

  Signer(StandInClock clock, SecureRandom random) {
    // No initial keys: the mock's bundled key file is the same in every JVM, and two stand-ins
    // (say "prelive" and "production") must not accept each other's tokens.
    this.keys = new KeyProvider(List.of(), JWSAlgorithm.RS256.getName());
    this.provider = new OAuth2TokenProvider(keys, clock::now);
    byte[] id = new byte[4];
    random.nextBytes(id);
    this.instance = HexFormat.of().formatHex(id);
    this.accessTokenKid = "stand-in-" + instance + "-access-token";
    this.idTokenKid = "stand-in-" + instance + "-id-token-1";
    kids.add(idTokenKid);
    kids.add(accessTokenKid);
    kids.forEach(keys::signingKey); // generate now, not on the first login
  }

  OAuth2TokenProvider provider() {
    return provider;
  }

  /**
   * Signs an ID token; the provider adds {@code iat}, {@code nbf} and {@code exp} from the clock.
   */
  String idToken(Map<String, Object> claims, Duration lifetime) {
    return provider.jwt(claims, lifetime, idTokenKid).serialize();
  }

  String accessToken(Map<String, Object> claims, Duration lifetime) {
    return provider.jwt(claims, lifetime, accessTokenKid).serialize();
  }

  /** Switches ID tokens to a fresh key; the old key stays published. */
  synchronized String rotateIdTokenKey() {
    String next = "stand-in-" + instance + "-id-token-" + (kids.size());
    keys.signingKey(next);
    kids.add(next);
    idTokenKid = next;
    return next;
  }

  JWKSet publicJwks() {
    List<JWK> published = new ArrayList<>();
    for (String kid : kids) {
      published.addAll(provider.publicJwkSet(kid).getKeys());
    }
    return new JWKSet(published);
  }

  /** The claims of a JWT this stand-in signed, or null when the signature does not verify. */
  JWTClaimsSet verifiedClaims(String jwt) {
    try {
      SignedJWT parsed = SignedJWT.parse(jwt);
      String kid = parsed.getHeader().getKeyID();
      if (kid == null || !kids.contains(kid)) {
        return null;
      }
      RSASSAVerifier verifier =
          new RSASSAVerifier(keys.signingKey(kid).toRSAKey().toRSAPublicKey());
      return parsed.verify(verifier) ? parsed.getJWTClaimsSet() : null;
    } catch (ParseException | JOSEException e) {
      return null;
    }
  }
}
