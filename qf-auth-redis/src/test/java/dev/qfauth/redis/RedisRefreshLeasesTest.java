package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class RedisRefreshLeasesTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  private static final QfEnvironment PRELIVE = QfEnvironment.PRELIVE;
  private static final Duration LEASE = Duration.ofSeconds(27);
  private static final String HANDLE = Stores.handle("a");

  private final Stores.MovableClock clock = new Stores.MovableClock();
  private RedisSessionStore node1;
  private RedisSessionStore node2;

  @BeforeEach
  void open() {
    REDIS.redis().flushall();
    node1 = Stores.store(Stores.settings(REDIS), clock);
    node2 = Stores.store(Stores.settings(REDIS), clock);
  }

  @AfterEach
  void close() {
    node1.close();
    node2.close();
  }

  private String key() {
    return new RedisRefreshLeases(node1).key(PRELIVE, HANDLE);
  }

  @Test
  void tryAcquire_heldByAnotherNode_refusedUntilReleased() {
    assertTrue(node1.tryAcquire(PRELIVE, HANDLE, "holder-1", LEASE));
    assertFalse(node2.tryAcquire(PRELIVE, HANDLE, "holder-2", LEASE));

    node1.release(PRELIVE, HANDLE, "holder-1");

    assertTrue(node2.tryAcquire(PRELIVE, HANDLE, "holder-2", LEASE));
  }

  @Test
  void tryAcquire_setsTheLeaseTimeAsTtl_andHidesTheHandle() {
    node1.tryAcquire(PRELIVE, HANDLE, "holder-1", LEASE);

    assertTrue(key().startsWith("qfauth:app-a:prelive:lease:"), key());
    assertFalse(key().contains(HANDLE));
    long ttl = REDIS.redis().pttl(key());
    assertTrue(ttl > LEASE.toMillis() - 5_000 && ttl <= LEASE.toMillis(), "PTTL " + ttl);
  }

  @Test
  void release_byAHolderWhoseLeaseExpiredAndWasRetaken_leavesTheNewLease() {
    node1.tryAcquire(PRELIVE, HANDLE, "holder-1", LEASE);
    REDIS.redis().del(key()); // holder-1's lease ran out
    assertTrue(node2.tryAcquire(PRELIVE, HANDLE, "holder-2", LEASE));

    node1.release(PRELIVE, HANDLE, "holder-1");

    assertEquals(1, REDIS.redis().exists(key()), "holder-2 still holds it");
    assertFalse(node1.tryAcquire(PRELIVE, HANDLE, "holder-3", LEASE));
  }

  @Test
  void tryAcquire_expiresByItself() {
    assertTrue(node1.tryAcquire(PRELIVE, HANDLE, "holder-1", Duration.ofMillis(1)));
    // Redis ends the lease on its own clock: wait for the key to be gone.
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (REDIS.redis().exists(key()) == 1 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }

    assertTrue(node2.tryAcquire(PRELIVE, HANDLE, "holder-2", LEASE));
  }

  @Test
  void tryAcquire_otherEnvironment_separateLease() {
    assertTrue(node1.tryAcquire(PRELIVE, HANDLE, "holder-1", LEASE));
    assertTrue(node2.tryAcquire(QfEnvironment.PRODUCTION, HANDLE, "holder-2", LEASE));
  }

  @Test
  void tryAcquire_concurrentlyOnTwoNodes_exactlyOneHolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 50; round++) {
        String handle = Stores.handle("r" + round);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          RedisSessionStore node = i % 2 == 0 ? node1 : node2;
          String holder = "holder-" + i;
          Callable<Boolean> attempt =
              () -> {
                go.await();
                return node.tryAcquire(PRELIVE, handle, holder, LEASE);
              };
          tries.add(pool.submit(attempt));
        }
        go.countDown();
        int holders = 0;
        for (Future<Boolean> attempt : tries) {
          holders += attempt.get() ? 1 : 0;
        }
        assertEquals(1, holders, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
