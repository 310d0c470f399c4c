package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stores (two nodes) on one real redis-server, near cache on: repeated reads cost no command,
 * and a write on one node reaches the other's next read. Commands are counted by Redis itself
 * ({@code INFO commandstats} after {@code CONFIG RESETSTAT}).
 */
final class RedisNearCacheTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  private static final QfEnvironment ENV = QfEnvironment.PRELIVE;
  private static final Pattern CALLS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

  /** Generous: catches a lost invalidation, not a slow machine. */
  private static final long INVALIDATION_BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Stores.MovableClock clock = new Stores.MovableClock();
  @RegisterExtension final OpenedStores stores = new OpenedStores(clock);
  private RedisSessionStore nodeA;
  private RedisSessionStore nodeB;

  @BeforeEach
  void open() {
    REDIS.redis().flushall();
    nodeA = stores.open(Stores.settings(REDIS));
    nodeB = stores.open(Stores.settings(REDIS));
  }

  @Test
  void hundredGetsOfOneSession_costOneRedisCommand() {
    QfSession session = Stores.session("a", clock, true);
    nodeA.put(ENV, Stores.handle("a"), session);
    REDIS.redis().configResetstat();

    for (int i = 0; i < 100; i++) {
      assertEquals(Optional.of(session), nodeB.get(ENV, Stores.handle("a")));
    }

    assertEquals(Map.of("hmget", 1L), commandsSinceReset());
  }

  @Test
  void nearCacheSizeZero_everyGetIsARoundTrip() {
    RedisSessionStore uncached =
        stores.open(Stores.settings(REDIS, RedisSessionStoreFactory.NEAR_CACHE_SIZE, "0"));
    uncached.put(ENV, Stores.handle("a"), Stores.session("a", clock, true));
    REDIS.redis().configResetstat();

    for (int i = 0; i < 10; i++) {
      uncached.get(ENV, Stores.handle("a"));
    }

    // (commandstats also counts the commands inside each script)
    assertEquals(10L, commandsSinceReset().get("evalsha"));
  }

  @Test
  void replaceOnNodeA_nodeBsNextGetReturnsTheNewSession() throws Exception {
    QfSession first = Stores.session("a", clock, true);
    nodeA.put(ENV, Stores.handle("a"), first);
    assertEquals(Optional.of(first), nodeB.get(ENV, Stores.handle("a"))); // now cached on B
    assertEquals(1, nodeB.nearCacheSize());

    QfSession refreshed = Stores.session("a2", clock, true);
    assertTrue(nodeA.replace(ENV, Stores.handle("a"), first, refreshed));
    awaitDropped(nodeB);

    assertEquals(Optional.of(refreshed), nodeB.get(ENV, Stores.handle("a")));
  }

  @Test
  void logoutOnNodeA_nodeBsNextGetFindsNoSession() throws Exception {
    nodeA.put(ENV, Stores.handle("a"), Stores.session("a", clock, true));
    nodeB.get(ENV, Stores.handle("a"));
    assertEquals(1, nodeB.nearCacheSize());

    nodeA.remove(ENV, Stores.handle("a"));
    awaitDropped(nodeB);

    assertEquals(Optional.empty(), nodeB.get(ENV, Stores.handle("a")));
  }

  @Test
  void ownWrite_isSeenByTheSameNodesNextGetAtOnce() {
    QfSession first = Stores.session("a", clock, true);
    nodeA.put(ENV, Stores.handle("a"), first);
    nodeA.get(ENV, Stores.handle("a"));
    QfSession refreshed = Stores.session("a2", clock, true);

    assertTrue(nodeA.replace(ENV, Stores.handle("a"), first, refreshed));

    // No wait: the store drops its own copy before replace returns.
    assertEquals(Optional.of(refreshed), nodeA.get(ENV, Stores.handle("a")));
  }

  @Test
  void writeFromOutsideTheStores_isSeenToo() throws Exception {
    nodeA.put(ENV, Stores.handle("a"), Stores.session("a", clock, true));
    nodeB.get(ENV, Stores.handle("a"));

    REDIS.redis().del(nodeA.key(ENV, Stores.handle("a"))); // an operator's DEL
    awaitDropped(nodeB);

    assertEquals(Optional.empty(), nodeB.get(ENV, Stores.handle("a")));
  }

  @Test
  void cachedSession_pastItsHardEnd_isReadFromRedisAgainAndIsGone() {
    nodeA.put(ENV, Stores.handle("b"), Stores.session("b", clock, false)); // ends with the token
    nodeB.get(ENV, Stores.handle("b"));
    clock.advance(java.time.Duration.ofMinutes(61));

    assertEquals(Optional.empty(), nodeB.get(ENV, Stores.handle("b")));
    assertEquals(List.of(), REDIS.redis().keys("*"));
  }

  /**
   * Waits for Redis's invalidation message to reach {@code node} (it travels on the node's own
   * connection, apart from the writer's reply) and returns how long that took.
   */
  private static long awaitDropped(RedisSessionStore node) throws InterruptedException {
    long started = System.nanoTime();
    while (node.nearCacheSize() > 0) {
      if (System.nanoTime() - started > INVALIDATION_BOUND_NANOS) {
        throw new AssertionError("no invalidation reached the other node within 10 s");
      }
      Thread.onSpinWait();
    }
    return System.nanoTime() - started;
  }

  private static Map<String, Long> commandsSinceReset() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    Matcher m = CALLS.matcher(REDIS.redis().info("commandstats"));
    while (m.find()) {
      // The test's own INFO and CONFIG RESETSTAT are not the store's.
      if (!m.group(1).equals("info") && !m.group(1).startsWith("config")) {
        counts.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return counts;
  }
}
