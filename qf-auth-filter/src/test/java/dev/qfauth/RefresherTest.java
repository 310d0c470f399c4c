package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.qfauth.testsupport.AllAtOnce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Refresh against a loopback token endpoint: single flight, rotation stored once, no resurrection.
 * WireMock ({@link FakeQf}): each test hands the refresher an exact token body.
 */
final class RefresherTest {
  private static final FakeQf SERVER = new FakeQf();
  private static final HttpCalls HTTP = new HttpCalls(Duration.ofSeconds(2), Duration.ofSeconds(3));
  private static final QfEnvironment ENV = QfEnvironment.PRELIVE;
  private static final String HANDLE = "handle-1";

  private final TestClock clock = new TestClock();
  private final HookedStore store =
      new HookedStore(new CaffeineSessionStore(100, Duration.ofHours(1), clock));
  private Refresher refresher;
  private final List<String> counted = java.util.Collections.synchronizedList(new ArrayList<>());
  private final OpsMetrics metrics =
      new OpsMetrics() {
        @Override
        public void refreshSucceeded() {
          counted.add("ok");
        }

        @Override
        public void refreshFailed(QfErrorCode reason) {
          counted.add("failed " + reason);
        }

        @Override
        public void refreshWaited() {
          counted.add("waited");
        }
      };

  @BeforeEach
  void setUp() {
    RefresherParts.resetProvider(SERVER);
    refresher =
        RefresherParts.refresher(
            RefresherParts.config(SERVER, clock).build(), store, HTTP, metrics);
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  private QfSession original() {
    return RefresherParts.original(clock);
  }

  @Test
  void refresh_success_rotatedSetStoredAndOldRefreshTokenSentOnce() {
    store.put(ENV, HANDLE, original());
    QfSession rotated = refresher.refresh(HANDLE, original());
    assertEquals("at-2", rotated.accessToken().reveal());
    assertEquals("rt-2", rotated.refreshToken().reveal());
    assertEquals(clock.instant().plusSeconds(3600), rotated.accessTokenExpiresAt());
    assertEquals(Optional.of(rotated), store.get(ENV, HANDLE));
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
    assertTrue(SERVER.lastTokenRequest().contains("grant_type=refresh_token"));
    assertTrue(SERVER.lastTokenRequest().contains("refresh_token=rt-1"));
    assertEquals(List.of("ok"), counted);
  }

  @Test
  void refresh_noRefreshTokenInAnswer_oldOneKept() {
    SERVER.tokenResponse(
        200, "{\"access_token\":\"at-2\",\"token_type\":\"bearer\",\"expires_in\":60}");
    store.put(ENV, HANDLE, original());
    assertEquals("rt-1", refresher.refresh(HANDLE, original()).refreshToken().reveal());
  }

  @Test
  void refresh_sessionSignedOutWhileInFlight_notResurrected() {
    // Logout (store.remove + revoke) lands between the token call and the store update.
    store.put(ENV, HANDLE, original());
    store.beforeReplace = () -> store.remove(ENV, HANDLE);
    QfAuthException e =
        assertThrows(QfAuthException.class, () -> refresher.refresh(HANDLE, original()));
    assertEquals(QfErrorCode.LOGIN_REQUIRED, e.code());
    assertEquals(Optional.empty(), store.get(ENV, HANDLE), "a signed-out session came back");
  }

  @Test
  void refresh_anotherNodeStoredMeanwhile_newestSetWins() {
    store.put(ENV, HANDLE, original());
    QfSession other =
        TestSession.builder()
            .accessToken("at-other")
            .expiresAt(clock.instant().plusSeconds(10))
            .refreshToken("rt-other")
            .build();
    store.beforeReplace = () -> store.put(ENV, HANDLE, other);
    QfSession rotated = refresher.refresh(HANDLE, original());
    // Our refresh token is spent at Hydra either way: keep the set we just received.
    assertEquals(Optional.of(rotated), store.get(ENV, HANDLE));
  }

  @Test
  void refresh_invalidGrant_sessionRemovedAndGrantRejected() {
    SERVER.tokenResponse(
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token was already used.\"}");
    store.put(ENV, HANDLE, original());
    TokenException e =
        assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, original()));
    assertTrue(e.sessionEnded());
    assertEquals(Optional.empty(), store.get(ENV, HANDLE));
    assertEquals(List.of("failed " + e.code()), counted);
  }

  @Test
  void refresh_serverError_sessionKept() {
    SERVER.tokenResponse(503, "<html>unavailable</html>");
    store.put(ENV, HANDLE, original());
    TokenException e =
        assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, original()));
    assertTrue(e.transientFailure());
    assertEquals(Optional.of(original()), store.get(ENV, HANDLE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // A member named twice (RFC 8259 4), a scope never granted (RFC 6749 3.3), no token at all.
        "{\"access_token\":\"at-2\",\"access_token\":\"at-3\",\"token_type\":\"bearer\","
            + "\"expires_in\":3600,\"refresh_token\":\"rt-2\"}",
        "{\"access_token\":\"at-2\",\"token_type\":\"bearer\",\"expires_in\":3600,"
            + "\"refresh_token\":\"rt-2\",\"scope\":\"openid offline_access admin\"}",
        "<html>ok</html>"
      })
  void refresh_okAnswerRefused_sessionEndedSoTheSpentTokenIsNeverSentAgain(String answer) {
    // A 200 means Hydra has already rotated: the refresh token we hold is spent, and sending it
    // again after a back-off would make Hydra revoke the whole chain.
    SERVER.tokenResponse(200, answer);
    store.put(ENV, HANDLE, original());
    TokenException e =
        assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, original()));
    assertTrue(e.sessionEnded());
    assertEquals(Optional.empty(), store.get(ENV, HANDLE));
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  @Test
  void refresh_alreadyRotatedByAnotherRequest_noTokenCall() {
    store.put(ENV, HANDLE, original());
    QfSession first = refresher.refresh(HANDLE, original());
    QfSession second = refresher.refresh(HANDLE, original()); // caller still holds the old set
    assertEquals(first, second);
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  @Test
  void refresh_manyConcurrentCallers_oneTokenCallSameResult() throws Exception {
    store.put(ENV, HANDLE, original());
    SERVER.tokenDelay(150);
    try (AllAtOnce callers = new AllAtOnce(8)) {
      for (QfSession rotated : callers.call(() -> refresher.refresh(HANDLE, original()))) {
        assertEquals("at-2", rotated.accessToken().reveal());
      }
    }
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH), "the refresh token was sent more than once");
    assertEquals(0, refresher.inFlight());
    // One led and counted ok; the others waited for it, or came after and found it done.
    assertEquals(1, counted.stream().filter("ok"::equals).count(), counted.toString());
    assertTrue(
        counted.stream().allMatch(c -> c.equals("ok") || c.equals("waited")), counted.toString());
  }

  /** A refresh answer with an ID token for {@code sub}, signed with the published key. */
  private String rotatedWithIdToken(String sub) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(SERVER.base())
            .subject(sub)
            .audience("qf-client")
            .issueTime(Date.from(clock.instant()))
            .expirationTime(Date.from(clock.instant().plusSeconds(3600)))
            .claim("email", sub + "@example.test")
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(TestKeys.ID_TOKEN.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(TestKeys.ID_TOKEN));
    return "{\"access_token\":\"at-2\",\"token_type\":\"bearer\",\"expires_in\":3600,"
        + "\"refresh_token\":\"rt-2\",\"scope\":\"openid offline_access\",\"id_token\":\""
        + jwt.serialize()
        + "\"}";
  }

  private QfSession withClaims() {
    return TestSession.from(original())
        .claims(Map.of("sub", "user-1", "email", "verified@example.test"))
        .signedInAt(clock.instant().minusSeconds(3570))
        .build();
  }

  @Test
  void refresh_keysUnreachable_newTokensKeptWithTheClaimsVerifiedBefore() throws Exception {
    // Issue 9 item 2: the JWKS answers 503, so the new ID token cannot be checked either way.
    SERVER.jwksStatus(503);
    SERVER.tokenResponse(200, rotatedWithIdToken("user-1"));
    store.put(ENV, HANDLE, withClaims());

    QfSession rotated = refresher.refresh(HANDLE, withClaims());

    assertEquals("at-2", rotated.accessToken().reveal());
    assertEquals("rt-2", rotated.refreshToken().reveal());
    assertEquals("verified@example.test", rotated.claims().get("email"));
    assertEquals(withClaims().signedInAt(), rotated.signedInAt());
    assertEquals(Optional.of(rotated), store.get(ENV, HANDLE));
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  @Test
  void refresh_keysBackAfterAnOutage_nextIdTokenIsVerifiedAndAnotherUserEndsTheSession()
      throws Exception {
    SERVER.jwksStatus(503);
    SERVER.tokenResponse(200, rotatedWithIdToken("user-1"));
    store.put(ENV, HANDLE, withClaims());
    QfSession kept = refresher.refresh(HANDLE, withClaims());

    // Verified later: the next refresh's ID token is checked against the claims kept.
    SERVER.jwksStatus(200);
    SERVER.tokenResponse(
        200, rotatedWithIdToken("mallory").replace("at-2", "at-3").replace("rt-2", "rt-3"));
    TokenException e = assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, kept));
    assertTrue(e.sessionEnded(), e.getMessage());
    assertEquals(Optional.empty(), store.get(ENV, HANDLE));
  }

  @Test
  void refresh_answerWithoutScope_keepsTheScopesGrantedBefore() {
    // RFC 6749 6: an absent scope is the one originally granted, not QF_SCOPES (which here adds
    // user and collection).
    SERVER.tokenResponse(
        200,
        "{\"access_token\":\"at-2\",\"token_type\":\"bearer\",\"expires_in\":3600,"
            + "\"refresh_token\":\"rt-2\"}");
    store.put(ENV, HANDLE, original());
    assertEquals(
        Set.of("openid", "offline_access"), refresher.refresh(HANDLE, original()).scopes());
  }

  @Test
  void refresh_serverErrors_backOffGrowsAndSuccessClearsIt() {
    SERVER.tokenResponse(503, "<html>unavailable</html>");
    store.put(ENV, HANDLE, original());
    assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, original()));
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));

    // Within the first wait (0.5 to 1 s): fails at once, QF is not called.
    TokenException waiting =
        assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, original()));
    assertTrue(waiting.transientFailure());
    assertTrue(waiting.getMessage().contains("back-off"), waiting.getMessage());
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));

    clock.advance(Duration.ofSeconds(1));
    assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, original()));
    assertEquals(2, SERVER.hits(FakeQf.TOKEN_PATH));
    // The second wait is 1 to 2 s: 0.9 s later QF is still spared.
    clock.advance(Duration.ofMillis(900));
    assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, original()));
    assertEquals(2, SERVER.hits(FakeQf.TOKEN_PATH));

    clock.advance(Duration.ofMillis(1100));
    SERVER.tokenResponse(200, RefresherParts.ROTATED);
    QfSession rotated = refresher.refresh(HANDLE, original());
    assertEquals(3, SERVER.hits(FakeQf.TOKEN_PATH));
    // Success cleared the back-off: the next failure waits the first step again.
    SERVER.tokenResponse(503, "<html>unavailable</html>");
    assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, rotated));
    clock.advance(Duration.ofSeconds(1));
    assertThrows(TokenException.class, () -> refresher.refresh(HANDLE, rotated));
    assertEquals(5, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  @Test
  void refresh_sessionGone_loginRequiredWithoutTokenCall() {
    QfAuthException e =
        assertThrows(QfAuthException.class, () -> refresher.refresh(HANDLE, original()));
    assertEquals(QfErrorCode.LOGIN_REQUIRED, e.code());
    assertEquals(0, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  /** A store that can run something just before a replace, to stage races deterministically. */
  private static final class HookedStore extends ForwardingSessionStore {
    volatile Runnable beforeReplace = () -> {};

    HookedStore(SessionStore delegate) {
      super(delegate);
    }

    @Override
    public boolean replace(
        QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
      Runnable hook = beforeReplace;
      beforeReplace = () -> {};
      hook.run();
      return delegate.replace(environment, handle, expected, replacement);
    }
  }
}
