package dev.qfauth.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.function.ToDoubleFunction;

/** {@link RedisMetrics} on Micrometer's global registry; loaded by name only. */
final class MicrometerRedisMetrics implements RedisMetrics {
  private final MeterRegistry registry;
  private final String app;

  MicrometerRedisMetrics(RedisSessionStore store, ToDoubleFunction<RedisSessionStore> size) {
    this(Metrics.globalRegistry, store, size);
  }

  MicrometerRedisMetrics(
      MeterRegistry registry, RedisSessionStore store, ToDoubleFunction<RedisSessionStore> size) {
    this.registry = registry;
    this.app = store.app();
    Gauge.builder("qfauth.redis.near.cache.sessions", store, size)
        .description("Sessions in this node's near cache")
        .tag("app", store.app())
        .register(registry);
  }

  @Override
  public void error(String kind) {
    Counter.builder("qfauth.redis.errors")
        .description("Redis calls that failed (the request got 503)")
        .tags("kind", kind, "app", app)
        .register(registry)
        .increment();
  }
}
