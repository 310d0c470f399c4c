package dev.qfauth.redis;

import dev.qfauth.QfEnvironment;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The refresh lease of each session in Redis ({@link dev.qfauth.RefreshLeases}): a string {@code
 * {prefix}:{app}:{env}:lease:{SHA-256 of the handle}} holding the holder's random value, set with
 * {@code NX PX} so one node at a time holds it and it ends by itself; released by a
 * compare-and-delete script so a holder never ends a lease another node took after its own expired.
 *
 * <p>Thread-safe; uses the store's connection and deadlines.
 */
final class RedisRefreshLeases {
  // KEYS[1] the lease key. ARGV: holder, lease ms.
  private static final RedisConnection.Script ACQUIRE =
      new RedisConnection.Script(
          """
          if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
          return 0
          """,
          ScriptOutputType.INTEGER);
  // ARGV: holder.
  private static final RedisConnection.Script RELEASE =
      new RedisConnection.Script(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
          return 0
          """,
          ScriptOutputType.INTEGER);

  private final RedisSessionStore redis;

  RedisRefreshLeases(RedisSessionStore redis) {
    this.redis = redis;
  }

  boolean tryAcquire(QfEnvironment environment, String handle, String holder, Duration time) {
    Object taken =
        redis.run(
            ACQUIRE,
            key(environment, handle),
            holder.getBytes(StandardCharsets.UTF_8),
            RedisSessionStore.number(Math.max(1, time.toMillis())));
    return Long.valueOf(1).equals(taken);
  }

  void release(QfEnvironment environment, String handle, String holder) {
    redis.run(RELEASE, key(environment, handle), holder.getBytes(StandardCharsets.UTF_8));
  }

  /** Package-private for tests. */
  String key(QfEnvironment environment, String handle) {
    return redis.key("lease", environment, handle);
  }
}
