package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import dev.qfauth.Secret;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testkit.QfTestSessions;
import dev.qfauth.testkit.QfTestUser;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two app nodes (each a real QfAuthFilter in its own embedded Jetty) configured by settings alone
 * with {@code QF_SESSION_STORE=redis} and one Redis: a session made on one node is served on the
 * other.
 */
final class TwoNodesTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.seedDemoData().confidentialClient("my-app", "my-secret", "http://localhost/cb"));

  static AppNodes.Node node1;
  static AppNodes.Node node2;

  @BeforeAll
  static void startNodes() throws Exception {
    node1 = AppNodes.Node.start(settings(QF.standIn()));
    node2 = AppNodes.Node.start(settings(QF.standIn()));
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (AppNodes.Node node : new AppNodes.Node[] {node1, node2}) {
      if (node != null) {
        node.stop();
      }
    }
  }

  @Test
  void eachNodeUsesTheRedisStoreChosenBySettings() {
    assertInstanceOf(RedisSessionStore.class, node1.store());
    assertInstanceOf(RedisSessionStore.class, node2.store());
  }

  @Test
  void aSessionSignedInOnNodeOneIsServedOnBothNodes() throws Exception {
    String cookie = QfTestSessions.signIn(node1.context(), QF.standIn(), QfTestUser.ALICE);

    HttpResponse<String> onNode1 = node1.get("/me", cookie);
    HttpResponse<String> onNode2 = node2.get("/me", cookie);

    assertEquals(200, onNode1.statusCode());
    assertEquals(200, onNode2.statusCode());
    assertEquals("signed in as " + QfTestUser.ALICE.sub(), onNode2.body());
    assertEquals(onNode1.body(), onNode2.body());
  }

  @Test
  void aSessionEndedOnNodeOneIsRefusedOnNodeTwo() throws Exception {
    String cookie = QfTestSessions.signIn(node1.context(), QF.standIn(), QfTestUser.ALICE);
    assertEquals(200, node2.get("/me", cookie).statusCode());
    String handle = cookie.substring(cookie.indexOf('=') + 1);

    assertTrue(node1.store().remove(node1.config().environment(), handle).isPresent());

    HttpResponse<String> after = node2.get("/me", cookie);
    assertEquals(302, after.statusCode()); // back to the sign-in
    assertFalse(after.body().contains(QfTestUser.ALICE.sub()));
  }

  /**
   * Sizing: Redis's MEMORY USAGE of one session key (README, "Several nodes: Redis"). The filter
   * keeps the ID token only when QF_POST_LOGOUT_REDIRECT_URI is set; both shapes are measured.
   */
  @Test
  void aSessionsSizeInRedis_staysWithinItsBound() throws Exception {
    String cookie = QfTestSessions.signIn(node1.context(), QF.standIn(), QfTestUser.ALICE);
    String handle = cookie.substring(cookie.indexOf('=') + 1);
    RedisSessionStore store = (RedisSessionStore) node1.store();
    QfEnvironment env = node1.config().environment();
    QfSession withIdToken = store.get(env, handle).orElseThrow();
    QfSession withoutIdToken =
        withoutIdToken(withIdToken, withIdToken.accessToken(), withIdToken.refreshToken());
    store.put(env, handle + "-no-id-token", withoutIdToken);
    // Hydra's default opaque tokens: ory_at_ / ory_rt_ then 43 + "." + 43 base64url characters.
    String opaque = "A".repeat(43) + "." + "B".repeat(43);
    QfSession hydraOpaque =
        withoutIdToken(withIdToken, Secret.of("ory_at_" + opaque), Secret.of("ory_rt_" + opaque));
    store.put(env, handle + "-opaque", hydraOpaque);
    long opaqueBytes = REDIS.redis().memoryUsage(store.key(env, handle + "-opaque"));

    long with = REDIS.redis().memoryUsage(store.key(env, handle));
    long without = REDIS.redis().memoryUsage(store.key(env, handle + "-no-id-token"));
    System.out.println(
        "MEMORY USAGE per session: "
            + with
            + " bytes with ID token, "
            + without
            + " without; access token "
            + withIdToken.accessToken().reveal().length()
            + " chars, refresh token "
            + withIdToken.refreshToken().reveal().length()
            + ", ID token "
            + withIdToken.idToken().reveal().length()
            + ", plaintext JSON "
            + SessionCodec.encode(withIdToken).length
            + " / "
            + SessionCodec.encode(withoutIdToken).length
            + " bytes, value field "
            + REDIS.redis().hget(store.key(env, handle), "v").length
            + "; Hydra-opaque tokens without ID token: "
            + opaqueBytes
            + " bytes");

    // A guard against growth, not a goal: the stand-in's access token is a 776-character JWT.
    assertTrue(with < 3072, with + " bytes");
    assertTrue(without < 2560, without + " bytes");
    assertTrue(opaqueBytes < 1536, opaqueBytes + " bytes");
  }

  /**
   * {@code session}'s user, expiry, scopes and claims with these tokens, as the filter keeps it
   * when QF_POST_LOGOUT_REDIRECT_URI is not set: no ID token.
   */
  private static QfSession withoutIdToken(
      QfSession session, Secret accessToken, Secret refreshToken) {
    return new QfSession(
        session.sub(),
        accessToken,
        session.accessTokenExpiresAt(),
        refreshToken,
        null,
        session.scopes(),
        session.claims(),
        null,
        null,
        null);
  }

  /** The settings only: the same init-params a web.xml or the environment would give. */
  private static Map<String, String> settings(QfStandIn qf) {
    return Map.of(
        QfAuthConfig.CLIENT_ID, "my-app",
        QfAuthConfig.CLIENT_SECRET, "my-secret",
        QfAuthConfig.AUTH_BASE_URL, qf.authBaseUrl().toString(),
        QfAuthConfig.API_BASE_URL, qf.apiBaseUrl().toString(),
        QfAuthConfig.REDIRECT_URI, "http://localhost/cb",
        QfAuthConfig.PROTECTED_PATHS, "/me",
        QfAuthConfig.SESSION_STORE, "redis",
        RedisSessionStoreFactory.URI, REDIS.uri(),
        RedisSessionStoreFactory.KEY, Stores.KEY_1);
  }
}
