package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.qfauth.QfEnvironment;
import dev.qfauth.SessionStoreUnavailableException;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/** Redis errors and the near cache's size reach Micrometer when it is on the class path. */
@Isolated
final class RedisMetricsTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  @Test
  void unreachableRedis_countsAnError_andTheNearCacheSizeIsAGauge() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.globalRegistry.add(registry);
    Stores.MovableClock clock = new Stores.MovableClock();
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    Map<String, String> nowhere = Stores.settings(REDIS);
    nowhere.put(RedisSessionStoreFactory.URI, "redis://127.0.0.1:" + closedPort);
    // A gauge is registered once per name and tags: the app name of no other test's stores, and
    // this store first (one store per app and JVM in real use).
    Map<String, String> here = Stores.settings(REDIS);
    here.put(RedisSessionStoreFactory.APP, "app-metrics");
    nowhere.put(RedisSessionStoreFactory.APP, "app-metrics");
    try (RedisSessionStore up = Stores.store(here, clock);
        RedisSessionStore down = Stores.store(nowhere, clock)) {
      double before = errors(registry);

      assertThrows(
          SessionStoreUnavailableException.class,
          () -> down.get(QfEnvironment.PRELIVE, Stores.handle("a")));

      assertEquals(before + 1, errors(registry));
      up.put(QfEnvironment.PRELIVE, Stores.handle("a"), Stores.session("a", clock, true));
      up.get(QfEnvironment.PRELIVE, Stores.handle("a"));
      double cached =
          Search.in(registry).name("qfauth.redis.near.cache.sessions").gauges().stream()
              .mapToDouble(g -> g.value())
              .sum();
      assertEquals(1.0, cached);
    } finally {
      Metrics.globalRegistry.remove(registry);
    }
  }

  private static double errors(SimpleMeterRegistry registry) {
    return Search.in(registry).name("qfauth.redis.errors").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
