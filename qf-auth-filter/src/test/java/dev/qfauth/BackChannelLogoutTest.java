package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.qfauth.testsupport.Browser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC Back-Channel Logout 1.0 through a real container: a good logout token ends the user's
 * sessions (2.6, 2.8); every bad one is answered 400 and ends nothing.
 */
final class BackChannelLogoutTest {
  private static final String PATH = "/backchannel-logout";

  private Fixture f;
  private Browser alice;
  private Browser aliceOnPhone;
  private Browser bob;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture(Containers.Kind.JETTY, b -> b.backchannelLogoutPath(PATH));
    alice = new Browser();
    aliceOnPhone = new Browser();
    bob = new Browser();
    f.signIn(alice, "alice");
    f.signInExpiring(aliceOnPhone, "alice", "at-p", "rt-p", 3600, c -> c.claim("sid", "sid-p"));
    f.signIn(bob, "bob");
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  /**
   * Claims of a valid logout token as Hydra sends one (2.4): iss, aud, iat, exp, jti, events, sid,
   * sub.
   */
  private JWTClaimsSet.Builder claims(String sub, String sid) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(f.qf.issuer)
        .audience(List.of(FakeQf.CLIENT_ID))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(120)))
        .jwtID(UUID.randomUUID().toString())
        .claim("events", Map.of(BackChannelLogout.EVENT, Map.of()))
        .claim("sid", sid)
        .subject(sub);
  }

  private HttpResponse<String> post(String token) {
    return new Browser()
        .post(
            f.url(PATH),
            "application/x-www-form-urlencoded",
            "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private boolean signedIn(Browser browser, String sub) {
    return browser.get(f.url("/whoami")).body().contains("sub=" + sub);
  }

  @Test
  void aGoodLogoutTokenForASubEndsEverySessionOfThatUserAndNoOneElses() {
    HttpResponse<String> answer = post(f.qf.sign(claims("alice", null).build()));

    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(null));
    assertFalse(signedIn(alice, "alice"));
    assertFalse(signedIn(aliceOnPhone, "alice"));
    assertTrue(signedIn(bob, "bob"));
  }

  @Test
  void aLogoutTokenWithASidEndsOnlyThatQfSession() {
    HttpResponse<String> answer = post(f.qf.sign(claims("alice", "sid-p").build()));

    assertEquals(200, answer.statusCode(), answer.body());
    assertFalse(signedIn(aliceOnPhone, "alice"));
    assertTrue(signedIn(alice, "alice"));
  }

  @Test
  void aLogoutTokenWithOnlyASidEndsThatQfSession() {
    assertEquals(200, post(f.qf.sign(claims(null, "sid-alice").build())).statusCode());

    assertFalse(signedIn(alice, "alice"));
    assertTrue(signedIn(aliceOnPhone, "alice"));
  }

  @Test
  void badLogoutTokensAreAnswered400AndEndNothing() {
    Map<String, String> refused =
        Map.of(
            "signed by another key with our kid",
            FakeQf.sign(
                claims("alice", null).build(),
                TestKeys.withKid(TestKeys.ATTACKER, f.qf.key.getKeyID())),
            "another audience",
            f.qf.sign(claims("alice", null).audience("other-client").build()),
            "another issuer",
            f.qf.sign(claims("alice", null).issuer("https://evil.example/").build()),
            "no events claim",
            f.qf.sign(claims("alice", null).claim("events", null).build()),
            "events without the back-channel member",
            f.qf.sign(
                claims("alice", null)
                    .claim("events", Map.of("http://schemas.openid.net/event/other", Map.of()))
                    .build()),
            "a nonce (an ID token is not a logout token)",
            f.qf.sign(claims("alice", null).claim("nonce", "n-1").build()),
            "neither sub nor sid",
            f.qf.sign(claims(null, null).build()),
            "no jti",
            f.qf.sign(claims("alice", null).jwtID(null).build()),
            "expired",
            f.qf.sign(
                claims("alice", null)
                    .issueTime(Date.from(Instant.now().minusSeconds(3000)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                    .build()),
            "not a JWT",
            "not-a-jwt");

    refused.forEach(
        (why, token) -> {
          HttpResponse<String> answer = post(token);
          assertEquals(400, answer.statusCode(), why + ": " + answer.body());
          assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(null), why);
          assertTrue(answer.body().contains("\"error\":\"invalid_request\""), why + answer.body());
          assertFalse(answer.body().contains(token), why + ": the token is echoed");
        });
    assertTrue(signedIn(alice, "alice"));
    assertTrue(signedIn(aliceOnPhone, "alice"));
  }

  @Test
  void aReplayedLogoutTokenIsRefusedAndEndsTheNewSessionNot() {
    String token = f.qf.sign(claims("bob", null).build());
    assertEquals(200, post(token).statusCode());
    Browser bobAgain = new Browser();
    f.signIn(bobAgain, "bob");

    HttpResponse<String> replay = post(token);

    assertEquals(400, replay.statusCode(), replay.body());
    assertTrue(replay.body().contains("used before"), replay.body());
    assertTrue(signedIn(bobAgain, "bob"));
  }

  @Test
  void onlyAFormPostIsTaken() {
    String token = f.qf.sign(claims("alice", null).build());
    assertEquals(405, new Browser().get(f.url(PATH + "?logout_token=" + token)).statusCode());
    HttpResponse<String> json =
        new Browser().post(f.url(PATH), "application/json", "{\"logout_token\":\"" + token + "\"}");
    assertEquals(400, json.statusCode());
    assertTrue(signedIn(alice, "alice"));
  }

  @Test
  void aStoreThatCannotFindSessionsByUser_failsStartUpNamingTheSetting() {
    SessionStore plain = new EmptySessionStore() {};
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId("c")
            .redirectUri(java.net.URI.create("https://app.example/cb"))
            .backchannelLogoutPath(PATH)
            .sessionStore(plain)
            .clock(Clock.systemUTC())
            .build();

    QfConfigException e =
        assertThrows(QfConfigException.class, () -> new BackChannelLogout(config, null, plain));
    assertTrue(e.getMessage().startsWith("QF_BACKCHANNEL_LOGOUT_PATH is set"), e.getMessage());
  }
}
