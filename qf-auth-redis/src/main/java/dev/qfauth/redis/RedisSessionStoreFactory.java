package dev.qfauth.redis;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.SessionStore;
import dev.qfauth.SessionStoreFactory;
import java.util.function.Function;

/**
 * {@code QF_SESSION_STORE=redis}: found by {@link java.util.ServiceLoader} when this jar is on the
 * class path. Reads {@code QF_REDIS_*} (README, "Several nodes: Redis") and fails start-up naming
 * the first missing or invalid one.
 */
public final class RedisSessionStoreFactory implements SessionStoreFactory {

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
