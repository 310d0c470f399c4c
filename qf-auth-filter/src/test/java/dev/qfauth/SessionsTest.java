package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SessionsTest {
  private static final JWTClaimsSet CLAIMS =
      new JWTClaimsSet.Builder()
          .issuer("https://prelive-oauth2.quran.foundation")
          .subject("user-1")
          .audience(List.of("client"))
          .claim("nonce", "n-1")
          .claim("email", "user@example.com")
          .build();

  private final TestClock clock = new TestClock();

  private static TokenResponse response(String accessToken, Set<String> scopes) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.ID_TOKEN.getKeyID()).build(),
            CLAIMS);
    jwt.sign(new RSASSASigner(TestKeys.ID_TOKEN));
    return new TokenResponse(
        Secret.of(accessToken),
        3600,
        Secret.of("rt"),
        Secret.of(jwt.serialize()),
        // A new set per response, as TokenResponse.parse makes one.
        Set.copyOf(new java.util.HashSet<>(scopes)));
  }

  @Test
  void signedIn_sameGrantedScopes_shareOneSet() throws Exception {
    Sessions sessions = new Sessions(clock, false);
    Set<String> granted = Set.of("openid", "offline_access", "user");

    QfSession a = sessions.signedIn(response("at-a", granted), CLAIMS);
    QfSession b = sessions.signedIn(response("at-b", granted), CLAIMS);
    QfSession fewer = sessions.signedIn(response("at-c", Set.of("openid")), CLAIMS);
    QfSession refreshed = sessions.refreshed(a, response("at-d", granted), a.claims(), a.idToken());

    assertSame(a.scopes(), b.scopes());
    assertSame(a.scopes(), refreshed.scopes());
    assertEquals(Set.of("openid"), fewer.scopes());
  }

  @Test
  void signedIn_twoFilters_shareNothing() throws Exception {
    Set<String> granted = Set.of("openid", "user");
    QfSession one = new Sessions(clock, false).signedIn(response("at-a", granted), CLAIMS);
    QfSession two = new Sessions(clock, false).signedIn(response("at-b", granted), CLAIMS);

    // The interner belongs to one filter's Sessions: no static state between filters.
    assertNotSame(one.scopes(), two.scopes());
  }

  @Test
  void signedIn_idTokenNotNeededForLogout_notKeptClaimsHeld() throws Exception {
    TokenResponse response = response("at-a", Set.of("openid"));
    QfSession session = new Sessions(clock, false).signedIn(response, CLAIMS);

    assertNull(session.idToken());
    assertEquals("user@example.com", session.claims().get("email"));
    assertEquals(Set.of("iss", "sub", "aud", "email"), session.claims().keySet());
    assertEquals(clock.instant().plusSeconds(3600), session.accessTokenExpiresAt());
    assertEquals(clock.instant(), session.signedInAt());
  }

  @Test
  void signedIn_idTokenKeptForLogout_claimsReadFromItNotHeldTwice() throws Exception {
    TokenResponse response = response("at-a", Set.of("openid"));
    QfSession session = new Sessions(clock, true).signedIn(response, CLAIMS);

    assertEquals(response.idToken(), session.idToken());
    assertEquals("user@example.com", session.claims().get("email"));
    assertEquals(TestSession.from(session).claims(Map.of()).build(), session);
  }
}
