package dev.qfauth.redis;

import dev.qfauth.QfEnvironment;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Sign-ins in progress in Redis, so the callback may reach any node: one string per sign-in, {@code
 * {prefix}:{app}:{env}:signin:{SHA-256 of state}}, sealed with the store's {@link KeyRing} (it
 * holds the PKCE verifier and the nonce; the key name is the associated data), with a TTL of {@code
 * QF_LOGIN_TIMEOUT_SECONDS}. Taken with one script that reads and deletes, so of two callbacks with
 * one state on any nodes only one finds it.
 *
 * <p>Thread-safe; uses the store's connection and deadlines.
 */
final class RedisPendingSignIns {
  private static final System.Logger LOG = System.getLogger(RedisPendingSignIns.class.getName());

  // KEYS[1] the sign-in key. ARGV: sealed value, ttl ms.
  private static final RedisConnection.Script PUT =
      new RedisConnection.Script(
          """
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
          """,
          ScriptOutputType.INTEGER);
  // GET and DEL in one script (GETDEL needs Redis 6.2): single use across every node.
  private static final RedisConnection.Script TAKE =
      new RedisConnection.Script(
          """
          local v = redis.call('GET', KEYS[1])
          if v then redis.call('DEL', KEYS[1]) end
          return v
          """,
          ScriptOutputType.VALUE);

  private final RedisSessionStore redis;
  private final KeyRing keys;

  RedisPendingSignIns(RedisSessionStore redis, KeyRing keys) {
    this.redis = redis;
    this.keys = keys;
  }

  void put(QfEnvironment environment, String state, byte[] signIn, Duration timeToLive) {
    String key = key(environment, state);
    byte[] sealed = keys.seal(signIn, key.getBytes(StandardCharsets.UTF_8));
    redis.run(PUT, key, sealed, RedisSessionStore.number(Math.max(1, timeToLive.toMillis())));
  }

  Optional<byte[]> take(QfEnvironment environment, String state) {
    String key = key(environment, state);
    byte[] value = (byte[]) redis.run(TAKE, key);
    if (value == null) {
      return Optional.empty();
    }
    KeyRing.Opened opened = keys.open(value, key.getBytes(StandardCharsets.UTF_8));
    if (opened instanceof KeyRing.Plain plain) {
      return Optional.of(plain.bytes());
    }
    // Already deleted by TAKE; the callback fails as an unknown state. Never the value itself.
    LOG.log(
        Level.WARNING,
        opened instanceof KeyRing.UnknownKey unknown
            ? "A sign-in in Redis is sealed with key id "
                + unknown.keyId()
                + ", which this node"
                + " lacks (add it to "
                + RedisSessionStoreFactory.KEY
                + "); treated as none"
            : "A sign-in value in Redis failed authentication (AES-GCM); treated as none");
    return Optional.empty();
  }

  /** Package-private for tests. */
  String key(QfEnvironment environment, String state) {
    return redis.key("signin", environment, state);
  }
}
