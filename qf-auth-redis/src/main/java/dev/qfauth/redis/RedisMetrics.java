package dev.qfauth.redis;

import java.util.function.ToDoubleFunction;

/**
 * Redis errors and the near cache's size, through Micrometer when it is on the class path (bound by
 * name, so the store runs without Micrometer jars), else nothing. Reads count nothing.
 */
interface RedisMetrics {
  RedisMetrics NONE = new RedisMetrics() {};

  /** A call failed: {@code kind} is {@code timeout}, {@code refused} or {@code unreachable}. */
  default void error(String kind) {}

  static RedisMetrics load(RedisSessionStore store, ToDoubleFunction<RedisSessionStore> size) {
    ClassLoader loader = RedisMetrics.class.getClassLoader();
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader);
      return (RedisMetrics)
          Class.forName("dev.qfauth.redis.MicrometerRedisMetrics", true, loader)
              .getDeclaredConstructor(RedisSessionStore.class, ToDoubleFunction.class)
              .newInstance(store, size);
    } catch (ReflectiveOperationException | LinkageError e) {
      return NONE;
    }
  }
}
