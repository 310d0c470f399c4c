package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class QfSessionTest {
  private static final JWTClaimsSet CLAIMS =
      new JWTClaimsSet.Builder()
          .issuer("https://prelive-oauth2.quran.foundation")
          .subject("user-1")
          .audience(List.of("client"))
          .expirationTime(new Date(1_800_000_000_000L))
          .claim("nonce", "n-1")
          .claim("email", "user@example.com")
          .claim("first_name", "Amina")
          .build();

  private static Secret idToken() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.ID_TOKEN.getKeyID()).build(),
            CLAIMS);
    jwt.sign(new RSASSASigner(TestKeys.ID_TOKEN));
    return Secret.of(jwt.serialize());
  }

  private static QfSession session(Secret idToken, Map<String, Object> claims) {
    return new QfSession(
        "user-1",
        Secret.of("at"),
        Instant.parse("2026-03-01T13:00:00Z"),
        Secret.of("rt"),
        idToken,
        Set.of("openid"),
        claims);
  }

  @Test
  void claimsHeldInTheKeptIdTokenAreReadBackFromItNotStoredTwice() throws Exception {
    Secret idToken = idToken();
    Map<String, Object> claims = Sessions.userClaims(CLAIMS);
    QfSession session = session(idToken, claims);

    assertEquals(claims, session.claims());
    assertEquals("Amina", session.claims().get("first_name"));
    // Equal to a session given no claims: the map was not kept beside the token.
    assertEquals(session(idToken, Map.of()), session);
    // A record rebuilt from its accessors is the same record.
    assertEquals(
        session,
        new QfSession(
            session.sub(),
            session.accessToken(),
            session.accessTokenExpiresAt(),
            session.refreshToken(),
            session.idToken(),
            session.scopes(),
            session.claims()));
  }

  @Test
  void claimsThatDifferFromTheTokenAreKeptAsGiven() throws Exception {
    Map<String, Object> other = Map.of("sub", "user-1", "email", "other@example.com");
    QfSession session = session(idToken(), other);
    assertEquals(other, session.claims());
    assertNotEquals(session(idToken(), Map.of()), session);
  }

  @Test
  void withoutAnIdTokenOrWithAnUnreadableOneTheClaimsAreKept() {
    Map<String, Object> claims = Map.of("sub", "user-1", "email", "user@example.com");
    assertEquals(claims, session(null, claims).claims());
    assertEquals(claims, session(Secret.of("not-a-jwt"), claims).claims());
    assertEquals(Map.of(), session(Secret.of("not-a-jwt"), Map.of()).claims());
  }
}
