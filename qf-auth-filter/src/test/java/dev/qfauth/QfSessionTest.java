package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
    return TestSession.builder().refreshToken("rt").idToken(idToken).claims(claims).build();
  }

  /** A user who signed in at {@code at}, with an access token issued then. */
  private static TestSession signedInAt(Instant at, Duration tokenLifetime) {
    return TestSession.builder()
        .expiresAt(at.plus(tokenLifetime))
        .refreshToken("rt")
        .signedInAt(at);
  }

  @Test
  void claimsReadFromTheKeptIdTokenAreNotStoredTwice() throws Exception {
    Secret idToken = idToken();
    QfSession session = session(idToken, IdTokenClaims.of(idToken, CLAIMS));

    assertEquals("Amina", session.claims().get("first_name"));
    assertFalse(session.claims().containsKey("nonce"), "protocol claims are not the app's");
    // Equal to a session given no claims: the map was not kept beside the token.
    assertEquals(session(idToken, Map.of()), session);
    // A record rebuilt from its accessors is the same record (java.lang.Record's invariant).
    assertEquals(session, TestSession.from(session).build());
  }

  @Test
  void claimsOfAnotherTokenOrAPlainMap_keptAsGiven() throws Exception {
    Secret idToken = idToken();
    Map<String, Object> plain = Map.copyOf(IdTokenClaims.of(idToken, CLAIMS));
    // Not read from this token as far as the record can tell without parsing it: kept.
    QfSession given = session(idToken, plain);
    assertEquals(plain, given.claims());
    assertNotEquals(session(idToken, Map.of()), given);
    // Claims of one token do not let a session drop them for another.
    QfSession other = session(Secret.of("another-id-token"), IdTokenClaims.of(idToken, CLAIMS));
    assertNotEquals(session(other.idToken(), Map.of()), other);
    assertEquals(plain, other.claims());
  }

  @Test
  void claimsThatDifferFromTheTokenAreKeptAsGiven() throws Exception {
    Map<String, Object> other = Map.of("sub", "user-1", "email", "other@example.com");
    QfSession session = session(idToken(), other);
    assertEquals(other, session.claims());
    assertNotEquals(session(idToken(), Map.of()), session);
  }

  @Test
  void refreshDue_tokenShorterThanTheLeeway_dueAtHalfItsLifetime() {
    Instant issued = Instant.parse("2026-03-01T12:00:00Z");
    QfSession eightSeconds = signedInAt(issued, Duration.ofSeconds(8)).build();
    long leeway = 60_000;
    assertFalse(eightSeconds.refreshDue(issued.toEpochMilli(), leeway), "fresh token refreshed");
    assertFalse(eightSeconds.refreshDue(issued.plusMillis(3_999).toEpochMilli(), leeway));
    assertTrue(eightSeconds.refreshDue(issued.plusSeconds(4).toEpochMilli(), leeway));
    // A long-lived token keeps the configured leeway; an unknown lifetime too.
    QfSession hour = session(null, Map.of());
    assertTrue(
        hour.refreshDue(hour.accessTokenExpiresAt().minusSeconds(60).toEpochMilli(), leeway));
    assertFalse(
        hour.refreshDue(hour.accessTokenExpiresAt().minusSeconds(61).toEpochMilli(), leeway));
  }

  @Test
  void endedBy_pastTheIdleWindowOrTheMaximum_ended() {
    Instant signedIn = Instant.parse("2026-03-01T12:00:00Z");
    QfSession session =
        signedInAt(signedIn, Duration.ofHours(1)).lastActiveAt(signedIn.plusSeconds(7200)).build();
    long idle = 3_600_000;
    long max = 86_400_000;
    long slid = signedIn.plusSeconds(7200).toEpochMilli();
    assertFalse(session.endedBy(slid + idle - 1, idle, max));
    assertTrue(session.endedBy(slid + idle, idle, max), "idle window over");
    QfSession active = session.activeAt(signedIn.plusSeconds(86_000));
    assertFalse(active.endedBy(signedIn.plusSeconds(86_399).toEpochMilli(), idle, max));
    assertTrue(active.endedBy(signedIn.plusSeconds(86_400).toEpochMilli(), idle, max), "max");
    // Times unknown (null): only the store's expiry applies.
    assertFalse(session(null, Map.of()).endedBy(Long.MAX_VALUE / 2, idle, max));
  }

  @Test
  void withoutAnIdTokenOrWithAnUnreadableOneTheClaimsAreKept() {
    Map<String, Object> claims = Map.of("sub", "user-1", "email", "user@example.com");
    assertEquals(claims, session(null, claims).claims());
    assertEquals(claims, session(Secret.of("not-a-jwt"), claims).claims());
    assertEquals(Map.of(), session(Secret.of("not-a-jwt"), Map.of()).claims());
  }
}
