package dev.qfauth.redis;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfSession;
import dev.qfauth.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Test stores, keys, sessions and a clock the test moves. */
final class Stores {
  static final String KEY_1 = "k1:" + Base64.getEncoder().encodeToString(bytes(1));
  static final String KEY_2 = "k2:" + Base64.getEncoder().encodeToString(bytes(2));
  static final Duration IDLE = Duration.ofMinutes(30);

  private Stores() {}

  static Map<String, String> settings(RedisServerExtension redis) {
    Map<String, String> s = new HashMap<>();
    s.put(RedisSessionStoreFactory.URI, redis.uri());
    s.put(RedisSessionStoreFactory.KEY, KEY_1);
    s.put(RedisSessionStoreFactory.APP, "app-a");
    s.put(RedisSessionStoreFactory.TIMEOUT_MS, "500");
    return s;
  }

  /** {@link #settings} with one of them set to {@code value}. */
  static Map<String, String> settings(RedisServerExtension redis, String name, String value) {
    Map<String, String> s = settings(redis);
    s.put(name, value);
    return s;
  }

  static QfAuthConfig config(Clock clock) {
    return QfAuthConfig.builder()
        .clientId("client-a")
        .redirectUri(URI.create("https://app.example/cb"))
        .sessionIdleTimeout(IDLE)
        .clock(clock)
        .build();
  }

  static RedisSessionStore store(Map<String, String> settings, Clock clock) {
    return (RedisSessionStore) new RedisSessionStoreFactory().create(settings::get, config(clock));
  }

  /**
   * A store as the filter makes it with QF_BACKCHANNEL_LOGOUT_PATH set: sessions indexed by user.
   */
  static RedisSessionStore indexingStore(Map<String, String> settings, Clock clock) {
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId("client-a")
            .redirectUri(URI.create("https://app.example/cb"))
            .sessionIdleTimeout(IDLE)
            .backchannelLogoutPath("/backchannel-logout")
            .clock(clock)
            .build();
    return (RedisSessionStore) new RedisSessionStoreFactory().create(settings::get, config);
  }

  static QfSession session(String tag, Clock clock, boolean refreshable) {
    return new QfSession(
        "sub-" + tag,
        Secret.of("ACCESS-" + tag + "-4f1c9e"),
        clock.instant().plus(Duration.ofHours(1)),
        refreshable ? Secret.of("REFRESH-" + tag + "-77ab02") : null,
        null,
        Set.of("openid", "user", "offline_access"),
        Map.of("name", "Alice " + tag, "email", tag + "@example.com"),
        clock.instant(),
        clock.instant().minus(Duration.ofMinutes(5)),
        clock.instant());
  }

  static String handle(String tag) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("handle-" + tag + "-0123456789abcdef0123").getBytes());
  }

  private static byte[] bytes(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    private final AtomicLong millis =
        new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

    void advance(Duration by) {
      millis.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
