package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class RedisSessionStoreTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  private static final QfEnvironment PRELIVE = QfEnvironment.PRELIVE;

  private final Stores.MovableClock clock = new Stores.MovableClock();
  @RegisterExtension final OpenedStores stores = new OpenedStores(clock);
  private RedisSessionStore store;

  @BeforeEach
  void open() {
    REDIS.redis().flushall();
    store = stores.open(Stores.settings(REDIS));
  }

  @Test
  void put_thenGet_returnsAnEqualSession() {
    QfSession session = Stores.session("a", clock, true);
    store.put(PRELIVE, Stores.handle("a"), session);

    assertEquals(Optional.of(session), store.get(PRELIVE, Stores.handle("a")));
    QfSession read = store.get(PRELIVE, Stores.handle("a")).orElseThrow();
    assertEquals(session.claims(), read.claims());
    // The filter's idle window, maximum age and refresh leeway are computed from these.
    assertEquals(session.accessTokenIssuedAt(), read.accessTokenIssuedAt());
    assertEquals(session.signedInAt(), read.signedInAt());
    assertEquals(session.lastActiveAt(), read.lastActiveAt());
  }

  @Test
  void put_thenGet_keepsClaimTypes() {
    QfSession session =
        new QfSession(
            "sub-n",
            dev.qfauth.Secret.of("ACCESS-n"),
            clock.instant().plusSeconds(3600),
            null,
            null,
            java.util.Set.of("openid"),
            Map.of(
                "iat", 1_764_000_000L, "ratio", 0.5, "verified", true, "groups", List.of("a", "b")),
            null,
            null,
            null);
    store.put(PRELIVE, Stores.handle("n"), session);

    Map<String, Object> claims = store.get(PRELIVE, Stores.handle("n")).orElseThrow().claims();
    assertEquals(session.claims(), claims);
    assertEquals(Long.class, claims.get("iat").getClass());
  }

  @Test
  void remove_returnsTheSessionOnce_thenNothing() {
    QfSession session = Stores.session("a", clock, true);
    store.put(PRELIVE, Stores.handle("a"), session);

    assertEquals(Optional.of(session), store.remove(PRELIVE, Stores.handle("a")));
    assertEquals(Optional.empty(), store.remove(PRELIVE, Stores.handle("a")));
    assertEquals(Optional.empty(), store.get(PRELIVE, Stores.handle("a")));
    assertEquals(List.of(), REDIS.redis().keys("*"));
  }

  @Test
  void get_otherEnvironment_isEmpty() {
    store.put(PRELIVE, Stores.handle("a"), Stores.session("a", clock, true));

    assertEquals(Optional.empty(), store.get(QfEnvironment.PRODUCTION, Stores.handle("a")));
  }

  @Test
  void get_otherAppOnTheSameRedis_isEmpty() {
    RedisSessionStore other =
        stores.open(Stores.settings(REDIS, RedisSessionStoreFactory.APP, "app-b"));
    store.put(PRELIVE, Stores.handle("a"), Stores.session("a", clock, true));

    assertEquals(Optional.empty(), other.get(PRELIVE, Stores.handle("a")));
    assertTrue(store.get(PRELIVE, Stores.handle("a")).isPresent());
  }

  @Test
  void keyName_holdsAppAndEnvironment_butNotTheHandle() {
    store.put(PRELIVE, Stores.handle("a"), Stores.session("a", clock, true));

    List<String> keys = REDIS.redis().keys("*:session:*");
    assertEquals(1, keys.size());
    assertTrue(keys.get(0).startsWith("qfauth:app-a:prelive:session:"), keys.get(0));
    assertFalse(keys.get(0).contains(Stores.handle("a")), keys.get(0));
  }

  @Test
  void everyKey_hasATtl_noLongerThanTheIdleTimeout() {
    store.put(PRELIVE, Stores.handle("a"), Stores.session("a", clock, true));
    store.put(PRELIVE, Stores.handle("b"), Stores.session("b", clock, false));
    store.replace(
        PRELIVE,
        Stores.handle("a"),
        Stores.session("a", clock, true),
        Stores.session("a2", clock, true));
    store.get(PRELIVE, Stores.handle("b"));

    List<String> keys = REDIS.redis().keys("*");
    assertEquals(2, keys.size(), keys.toString());
    for (String key : keys) {
      long ttl = REDIS.redis().pttl(key);
      assertTrue(ttl > 0 && ttl <= Stores.IDLE.toMillis(), key + " has TTL " + ttl);
    }
  }

  @Test
  void ttl_withoutRefreshToken_endsWithTheAccessToken() {
    // Without the near cache a read slides the TTL (with it, reads leave the TTL alone).
    Map<String, String> uncached =
        Stores.settings(REDIS, RedisSessionStoreFactory.NEAR_CACHE_SIZE, "0");
    store = stores.open(uncached);
    QfSession unrefreshable = Stores.session("b", clock, false); // access token: one hour
    store.put(PRELIVE, Stores.handle("b"), unrefreshable);
    clock.advance(Duration.ofMinutes(50));

    store.get(PRELIVE, Stores.handle("b")); // a read slides the TTL, but not past the token

    long ttl = REDIS.redis().pttl(REDIS.redis().keys("*:session:*").get(0));
    assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(10).toMillis(), "TTL " + ttl);
  }

  @Test
  void get_afterTheHardEnd_isEmptyAndTheKeyIsGone() {
    store.put(PRELIVE, Stores.handle("b"), Stores.session("b", clock, false));
    clock.advance(Duration.ofMinutes(61));

    assertEquals(Optional.empty(), store.get(PRELIVE, Stores.handle("b")));
    assertEquals(List.of(), REDIS.redis().keys("*"));
  }

  @Test
  void storedValue_holdsNoTokenClaimOrSub() {
    QfSession session = Stores.session("a", clock, true);
    store.put(PRELIVE, Stores.handle("a"), session);

    String key = REDIS.redis().keys("*:session:*").get(0);
    String everything = new String(REDIS.redis().dump(key), StandardCharsets.ISO_8859_1);
    for (String secret :
        List.of(
            session.accessToken().reveal(),
            session.refreshToken().reveal(),
            "sub-a",
            "Alice",
            "example.com",
            Stores.handle("a"))) {
      assertFalse(everything.contains(secret), "Redis holds " + secret + " in clear");
    }
    assertEquals(
        Optional.of("k1"), KeyRing.keyIdOf(REDIS.redis().hget(key, "v"))); // the key id is kept
  }

  @Test
  void tamperedValue_readsAsNoSession_andIsLoggedOnceWithoutContent() {
    QfSession session = Stores.session("a", clock, true);
    store.put(PRELIVE, Stores.handle("a"), session);
    String key = REDIS.redis().keys("*:session:*").get(0);
    byte[] value = REDIS.redis().hget(key, "v");
    value[value.length - 20] ^= 1;
    REDIS.redis().hset(key, "v", value);

    try (LogLines log = new LogLines()) {
      assertEquals(Optional.empty(), store.get(PRELIVE, Stores.handle("a")));
      assertEquals(Optional.empty(), store.get(PRELIVE, Stores.handle("a")));

      assertEquals(1, log.lines().size(), log.lines().toString());
      String line = log.lines().get(0);
      assertTrue(line.contains("failed authentication"), line);
      for (String secret : List.of("ACCESS-a", "REFRESH-a", Stores.handle("a"), key)) {
        assertFalse(line.contains(secret), line);
      }
    }
  }

  @Test
  void valueCopiedToAnotherEnvironmentsKey_doesNotOpen() {
    store.put(PRELIVE, Stores.handle("a"), Stores.session("a", clock, true));
    String prelive = store.key(PRELIVE, Stores.handle("a"));
    String production = store.key(QfEnvironment.PRODUCTION, Stores.handle("a"));
    REDIS.redis().copy(prelive, production);

    assertEquals(Optional.empty(), store.get(QfEnvironment.PRODUCTION, Stores.handle("a")));
  }

  @Test
  void keyRotation_oldKeyStillDecrypts_newWritesUseTheNewKey() {
    QfSession old = Stores.session("old", clock, true);
    store.put(PRELIVE, Stores.handle("old"), old); // sealed with k1
    Map<String, String> rotated =
        Stores.settings(REDIS, RedisSessionStoreFactory.KEY, Stores.KEY_2 + "," + Stores.KEY_1);
    RedisSessionStore afterRotation = stores.open(rotated);

    assertEquals(Optional.of(old), afterRotation.get(PRELIVE, Stores.handle("old")));
    QfSession fresh = Stores.session("new", clock, true);
    afterRotation.put(PRELIVE, Stores.handle("new"), fresh);
    byte[] raw = REDIS.redis().hget(afterRotation.key(PRELIVE, Stores.handle("new")), "v");
    assertEquals(Optional.of("k2"), KeyRing.keyIdOf(raw));
    assertEquals(Optional.of(fresh), afterRotation.get(PRELIVE, Stores.handle("new")));
  }

  @Test
  void nodeWithoutTheNewKey_readsNoSession_logsTheKeyIdOnce_andKeepsTheValue() {
    Map<String, String> rotated =
        Stores.settings(REDIS, RedisSessionStoreFactory.KEY, Stores.KEY_2 + "," + Stores.KEY_1);
    stores.open(rotated).put(PRELIVE, Stores.handle("new"), Stores.session("new", clock, true));

    try (LogLines log = new LogLines()) {
      assertEquals(Optional.empty(), store.get(PRELIVE, Stores.handle("new")));
      assertEquals(Optional.empty(), store.get(PRELIVE, Stores.handle("new")));

      assertEquals(1, log.lines().size(), log.lines().toString());
      assertTrue(log.lines().get(0).contains("key id k2"), log.lines().get(0));
    }
    assertEquals(1, REDIS.redis().keys("*:session:*").size()); // the upgraded nodes still need it
  }

  @Test
  void replace_expectedIsStored_swapsAndReturnsTrue() {
    QfSession first = Stores.session("a", clock, true);
    QfSession second = Stores.session("a2", clock, true);
    store.put(PRELIVE, Stores.handle("a"), first);

    QfSession read = store.get(PRELIVE, Stores.handle("a")).orElseThrow();
    assertTrue(store.replace(PRELIVE, Stores.handle("a"), read, second));
    assertEquals(Optional.of(second), store.get(PRELIVE, Stores.handle("a")));
  }

  @Test
  void replace_expectedIsStale_returnsFalseAndChangesNothing() {
    QfSession first = Stores.session("a", clock, true);
    QfSession second = Stores.session("a2", clock, true);
    store.put(PRELIVE, Stores.handle("a"), second);

    assertFalse(
        store.replace(PRELIVE, Stores.handle("a"), first, Stores.session("a3", clock, true)));
    assertEquals(Optional.of(second), store.get(PRELIVE, Stores.handle("a")));
  }

  @Test
  void replace_noSessionStored_returnsFalseAndCreatesNothing() {
    QfSession first = Stores.session("a", clock, true);

    assertFalse(
        store.replace(PRELIVE, Stores.handle("a"), first, Stores.session("a2", clock, true)));
    assertEquals(List.of(), REDIS.redis().keys("*"));
  }

  @Test
  void replace_fiftyThreadsOnTwoNodesAtOnce_exactlyOneWins() throws Exception {
    QfSession seen = Stores.session("a", clock, true);
    store.put(PRELIVE, Stores.handle("a"), seen);
    RedisSessionStore otherNode = stores.open(Stores.settings(REDIS));
    int threads = 50;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        RedisSessionStore node = i % 2 == 0 ? store : otherNode;
        QfSession mine = Stores.session("winner-" + i, clock, true);
        Callable<Boolean> attempt =
            () -> {
              go.await();
              return node.replace(PRELIVE, Stores.handle("a"), seen, mine);
            };
        results.add(pool.submit(attempt));
      }
      go.countDown();
      int wins = 0;
      for (Future<Boolean> result : results) {
        wins += result.get() ? 1 : 0;
      }

      assertEquals(1, wins);
      String stored = store.get(PRELIVE, Stores.handle("a")).orElseThrow().sub();
      assertTrue(stored.startsWith("sub-winner-"), stored);
    } finally {
      pool.shutdownNow();
    }
  }
}
