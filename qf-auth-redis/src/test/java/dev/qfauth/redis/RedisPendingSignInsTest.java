package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class RedisPendingSignInsTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  private static final QfEnvironment PRELIVE = QfEnvironment.PRELIVE;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final String STATE = "state-4b1d0c8e2f7a9e3d5c6b";
  private static final byte[] SIGN_IN =
      "verifier=PKCE-VERIFIER-9f8e7d nonce=NONCE-1a2b3c".getBytes(StandardCharsets.UTF_8);

  private final Stores.MovableClock clock = new Stores.MovableClock();
  @RegisterExtension final OpenedStores stores = new OpenedStores(clock);
  private RedisSessionStore node1;
  private RedisSessionStore node2;

  @BeforeEach
  void open() {
    REDIS.redis().flushall();
    node1 = stores.open(Stores.settings(REDIS));
    node2 = stores.open(Stores.settings(REDIS));
  }

  private String keyOf(String state) {
    return new RedisPendingSignIns(node1, null).key(PRELIVE, state);
  }

  @Test
  void put_onOneNode_takenOnAnother() {
    node1.put(PRELIVE, STATE, SIGN_IN, TIMEOUT);

    Optional<byte[]> taken = node2.take(PRELIVE, STATE);

    assertTrue(taken.isPresent());
    assertArrayEquals(SIGN_IN, taken.get());
  }

  @Test
  void take_twice_secondFindsNothing() {
    node1.put(PRELIVE, STATE, SIGN_IN, TIMEOUT);

    assertTrue(node2.take(PRELIVE, STATE).isPresent());
    assertEquals(Optional.empty(), node1.take(PRELIVE, STATE));
    assertEquals(Optional.empty(), node2.take(PRELIVE, STATE));
  }

  @Test
  void take_concurrentlyOnTwoNodes_exactlyOneGetsIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 50; round++) {
        String state = STATE + round;
        node1.put(PRELIVE, state, SIGN_IN, TIMEOUT);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<byte[]>>> takes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          RedisSessionStore node = i % 2 == 0 ? node1 : node2;
          Callable<Optional<byte[]>> take =
              () -> {
                go.await();
                return node.take(PRELIVE, state);
              };
          takes.add(pool.submit(take));
        }
        go.countDown();
        int found = 0;
        for (Future<Optional<byte[]>> take : takes) {
          found += take.get().isPresent() ? 1 : 0;
        }
        assertEquals(1, found, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void put_setsTheLoginTimeoutAsTtl_andHidesStateAndVerifier() {
    node1.put(PRELIVE, STATE, SIGN_IN, TIMEOUT);

    String key = keyOf(STATE);
    assertTrue(key.startsWith("qfauth:app-a:prelive:signin:"), key);
    assertFalse(key.contains(STATE));
    long ttl = REDIS.redis().pttl(key);
    assertTrue(ttl > TIMEOUT.toMillis() - 5_000 && ttl <= TIMEOUT.toMillis(), "PTTL " + ttl);
    String stored = new String(REDIS.redis().get(key), StandardCharsets.ISO_8859_1);
    assertFalse(stored.contains("PKCE-VERIFIER"), "the verifier is sealed at rest");
    assertFalse(stored.contains("NONCE-"), "the nonce is sealed at rest");
  }

  @Test
  void take_inAnotherEnvironment_findsNothing() {
    node1.put(PRELIVE, STATE, SIGN_IN, TIMEOUT);

    assertEquals(Optional.empty(), node2.take(QfEnvironment.PRODUCTION, STATE));
    assertTrue(node2.take(PRELIVE, STATE).isPresent());
  }

  @Test
  void take_ofAnotherApp_findsNothing() {
    RedisSessionStore other =
        stores.open(Stores.settings(REDIS, RedisSessionStoreFactory.APP, "app-b"));
    node1.put(PRELIVE, STATE, SIGN_IN, TIMEOUT);

    assertEquals(Optional.empty(), other.take(PRELIVE, STATE));
  }

  @Test
  void take_ofATamperedValue_isNoneAndLogsNoContent() {
    node1.put(PRELIVE, STATE, SIGN_IN, TIMEOUT);
    String key = keyOf(STATE);
    byte[] value = REDIS.redis().get(key);
    value[value.length - 1] ^= 1;
    REDIS.redis().set(key, value);

    try (LogLines logs = new LogLines()) {
      assertEquals(Optional.empty(), node2.take(PRELIVE, STATE));
      assertTrue(logs.lines().stream().anyMatch(l -> l.contains("failed authentication")));
      assertTrue(logs.lines().stream().noneMatch(l -> l.contains(STATE)));
    }
    assertEquals(0, REDIS.redis().exists(key));
  }

  @Test
  void take_whenTheTtlPassed_findsNothing() throws Exception {
    node1.put(PRELIVE, STATE, SIGN_IN, Duration.ofMillis(1));
    String key = keyOf(STATE);
    // Redis expires the key on its own clock: wait for the key to be gone, then take.
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (REDIS.redis().exists(key) == 1 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }

    assertEquals(Optional.empty(), node2.take(PRELIVE, STATE));
  }
}
