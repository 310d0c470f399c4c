package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import dev.qfauth.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Back-channel logout's part in Redis: sessions found by user or sid, on every node; jti once. */
final class RedisBackChannelLogoutTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  private static final QfEnvironment ENV = QfEnvironment.PRELIVE;

  private final Stores.MovableClock clock = new Stores.MovableClock();
  @RegisterExtension final OpenedStores stores = new OpenedStores(clock);
  private RedisSessionStore nodeA;
  private RedisSessionStore nodeB;

  @BeforeEach
  void start() {
    REDIS.redis().flushall();
    nodeA = stores.openIndexing(Stores.settings(REDIS));
    nodeB = stores.openIndexing(Stores.settings(REDIS));
  }

  private QfSession session(String sub, String sid) {
    return new QfSession(
        sub,
        Secret.of("ACCESS-" + sub + "-" + sid),
        clock.instant().plus(Duration.ofHours(1)),
        Secret.of("REFRESH-" + sub + "-" + sid),
        null,
        Set.of("openid", "offline_access"),
        Map.of("sid", sid),
        clock.instant(),
        clock.instant(),
        clock.instant());
  }

  @Test
  void removeSessionsOfUser_bySub_endsThemOnEveryNode_andNoOneElses() throws Exception {
    nodeA.put(ENV, "h-alice-1", session("alice", "sid-1"));
    nodeB.put(ENV, "h-alice-2", session("alice", "sid-2"));
    nodeA.put(ENV, "h-bob", session("bob", "sid-3"));
    nodeB.get(ENV, "h-alice-1"); // held in node B's near cache

    assertEquals(2, nodeA.removeSessionsOfUser(ENV, "alice", null));

    awaitDropped(nodeB);
    assertEquals(Optional.empty(), nodeB.get(ENV, "h-alice-1"));
    assertEquals(Optional.empty(), nodeA.get(ENV, "h-alice-2"));
    assertTrue(nodeB.get(ENV, "h-bob").isPresent());
    assertEquals(0, nodeA.removeSessionsOfUser(ENV, "alice", null));
  }

  @Test
  void removeSessionsOfUser_bySid_endsOnlyThatQfSession() {
    nodeA.put(ENV, "h-alice-1", session("alice", "sid-1"));
    nodeA.put(ENV, "h-alice-2", session("alice", "sid-2"));

    assertEquals(1, nodeB.removeSessionsOfUser(ENV, null, "sid-1"));
    assertEquals(0, nodeB.removeSessionsOfUser(ENV, "mallory", "sid-2")); // sid of another sub

    assertEquals(Optional.empty(), nodeA.get(ENV, "h-alice-1"));
    assertTrue(nodeA.get(ENV, "h-alice-2").isPresent());
  }

  @Test
  void afterLogoutAndBackChannelLogout_noIndexKeyIsLeft() {
    nodeA.put(ENV, "h-1", session("alice", "sid-1"));
    nodeA.put(ENV, "h-2", session("alice", "sid-2"));
    nodeA.remove(ENV, "h-1");
    nodeA.removeSessionsOfUser(ENV, "alice", null);

    assertEquals(List.of(), REDIS.redis().keys("*"));
  }

  @Test
  void indexKeys_haveATtl_andNameNoUserInClear() {
    QfSession alice = session("alice", "sid-1");
    nodeA.put(ENV, "h-1", alice);
    nodeA.replace(ENV, "h-1", alice, session("alice", "sid-1"));

    List<String> keys = REDIS.redis().keys("*");
    assertEquals(3, keys.size(), keys.toString()); // the session, alice's set, sid-1's set
    for (String key : keys) {
      long ttl = REDIS.redis().pttl(key);
      assertTrue(ttl > 0 && ttl <= Stores.IDLE.toMillis(), key + " has TTL " + ttl);
      assertFalse(key.contains("alice") || key.contains("sid-1"), key);
    }
  }

  @Test
  void withoutBackChannelLogout_nothingIsIndexed() {
    RedisSessionStore plain = stores.open(Stores.settings(REDIS));
    plain.put(ENV, "h-1", session("alice", "sid-1"));

    assertFalse(plain.supportsBackChannelLogout());
    assertEquals(1, REDIS.redis().keys("*").size());
  }

  @Test
  void firstUseOfLogoutToken_isTrueOnce_acrossNodes() {
    Instant until = clock.instant().plusSeconds(120);

    assertTrue(nodeA.firstUseOfLogoutToken(ENV, "jti-1", until));
    assertFalse(nodeB.firstUseOfLogoutToken(ENV, "jti-1", until));
    assertFalse(nodeA.firstUseOfLogoutToken(ENV, "jti-1", until));
    assertTrue(nodeB.firstUseOfLogoutToken(QfEnvironment.PRODUCTION, "jti-1", until));
    long ttl = REDIS.redis().pttl(REDIS.redis().keys("*prelive:logout-token:*").get(0));
    assertTrue(ttl > 0 && ttl <= 120_000, "TTL " + ttl);
  }

  private static void awaitDropped(RedisSessionStore node) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (node.nearCacheSize() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no invalidation reached the other node within 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
