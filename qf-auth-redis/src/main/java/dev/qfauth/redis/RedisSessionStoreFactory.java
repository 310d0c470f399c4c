package dev.qfauth.redis;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.SessionStore;
import dev.qfauth.SessionStoreFactory;
import java.util.function.Function;

/**
 * {@code QF_SESSION_STORE=redis}: found by {@link java.util.ServiceLoader} when this jar is on the
 * class path. Reads the {@code QF_REDIS_*} settings named by the constants below (README, "Several
 * nodes: Redis"), from the same places as {@link QfAuthConfig}'s, and fails start-up naming the
 * first missing or invalid one.
 */
public final class RedisSessionStoreFactory implements SessionStoreFactory {

  /**
   * {@value}: where Redis is (required): {@code redis://host:6379/0}, {@code rediss://} for TLS, an
   * ACL user and password as {@code user:password@}, or Sentinel ({@code
   * redis-sentinel://s1:26379,s2:26379/0#mymaster}).
   */
  public static final String URI = "QF_REDIS_URI";

  /**
   * {@value}: the AES-256 keys that encrypt sessions in Redis, {@code id:base64} entries separated
   * by commas or new lines; the first encrypts, all decrypt. This or {@link #KEY_FILE} is required.
   */
  public static final String KEY = "QF_REDIS_KEY";

  /** {@value}: a file holding the {@link #KEY} entries, for mounted secrets. */
  public static final String KEY_FILE = "QF_REDIS_KEY_FILE";

  /** {@value}: part of every key name, so apps can share one Redis; default the client id. */
  public static final String APP = "QF_REDIS_APP";

  /** {@value}: the first part of every key name; default {@code qfauth}. */
  public static final String PREFIX = "QF_REDIS_PREFIX";

  /** {@value}: the deadline of every Redis call and of connecting; default 1000. */
  public static final String TIMEOUT_MS = "QF_REDIS_TIMEOUT_MS";

  /**
   * {@value}: the life of QF's refresh tokens (Hydra's {@code ttl.refresh_token}); no session in
   * Redis outlives it. Default 720.
   */
  public static final String REFRESH_TOKEN_HOURS = "QF_REDIS_REFRESH_TOKEN_HOURS";

  /**
   * {@value}: sessions each node keeps in memory (the near cache); 0 turns it off. Default 10000.
   */
  public static final String NEAR_CACHE_SIZE = "QF_REDIS_NEAR_CACHE_SIZE";

  /** For {@link java.util.ServiceLoader}. */
  public RedisSessionStoreFactory() {}

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public SessionStore create(Function<String, String> settings, QfAuthConfig config) {
    return new RedisSessionStore(
        RedisSettings.read(settings, config),
        config.sessionIdleTimeout(),
        config.clock(),
        config.backchannelLogoutPath() != null);
  }
}
