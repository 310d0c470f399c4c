package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qfauth.QfEnvironment;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lost connection empties the near cache: invalidations sent while it was down never arrive. Here
 * Redis restarts without persistence, so every session is gone; a node that kept its copy would
 * still serve it.
 */
final class NearCacheReconnectTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  @Test
  void redisRestartedEmpty_theCachedSessionIsNotServedAfterTheReconnect() throws Exception {
    Stores.MovableClock clock = new Stores.MovableClock();
    try (RedisSessionStore store = Stores.store(Stores.settings(REDIS), clock)) {
      store.put(QfEnvironment.PRELIVE, Stores.handle("a"), Stores.session("a", clock, true));
      store.get(QfEnvironment.PRELIVE, Stores.handle("a"));
      assertEquals(1, store.nearCacheSize());

      try (Reconnect reconnect = new Reconnect(store)) {
        REDIS.stop();
        REDIS.start();
        reconnect.await();
      }

      assertEquals(Optional.empty(), store.get(QfEnvironment.PRELIVE, Stores.handle("a")));

      // Tracking is asked for again on the new connection (asynchronously): reads are kept again.
      store.put(QfEnvironment.PRELIVE, Stores.handle("b"), Stores.session("b", clock, true));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (store.nearCacheSize() == 0 && System.nanoTime() < deadline) {
        store.get(QfEnvironment.PRELIVE, Stores.handle("b"));
      }
      assertEquals(1, store.nearCacheSize());
    }
  }
}
