package dev.qfauth;

import dev.qfauth.bench.RedisLauncher;
import dev.qfauth.redis.RedisSessionStoreFactory;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redis memory per signed-in session of the Redis store ({@code QF_SESSION_STORE=redis}): a
 * redis-server of its own, {@code bench.redisSessions} (1,000) sessions stored through {@code
 * RedisSessionStore} exactly as the callback makes them (the Hydra-shaped token response of {@link
 * SessionMemory}: QF's opaque {@code ory_at_}/{@code ory_rt_} tokens and an RS256 ID token), then
 * {@code MEMORY USAGE} of every key the store wrote, and Redis's {@code used_memory} before and
 * after as a cross-check. Three ways: the default, with the ID token kept ({@code
 * QF_POST_LOGOUT_REDIRECT_URI} set), and with back-channel logout on (the user and sid indexes).
 */
public final class RedisMemory {
  private RedisMemory() {}

  public static void main(String[] args) throws Exception {
    int sessions = Integer.getInteger("bench.redisSessions", 1_000);
    Path out =
        Files.createDirectories(Path.of(System.getProperty("bench.out", "target/bench-results")));
    HydraTokens tokens = new HydraTokens("https://oauth2.quran.foundation");
    StringBuilder md = new StringBuilder("### Redis memory per session (RedisSessionStore)\n\n");
    try (RedisLauncher redis = RedisLauncher.start()) {
      RedisCommands<String, String> commands = redis.commands();
      md.append(
          String.format(
              Locale.ROOT,
              "redis-server %s, no persistence; %,d sessions per row, each of a different user;"
                  + " tokens shaped like QF's (opaque ory_at_/ory_rt_, 94 characters; RS256 ID"
                  + " token). Bytes are Redis's own count: MEMORY USAGE summed over every key the"
                  + " store wrote (key name, value, encoding and expiry overhead), and the growth of"
                  + " used_memory.%n%n",
              info(commands, "server", "redis_version"),
              sessions));
      md.append(
          "| store settings | keys written | MEMORY USAGE per session | used_memory growth per session | sealed value (field v) bytes |\n");
      md.append("|---|---:|---:|---:|---:|\n");
      row(md, "default", false, false, sessions, redis, tokens);
      row(
          md,
          "ID token kept (QF_POST_LOGOUT_REDIRECT_URI set)",
          true,
          false,
          sessions,
          redis,
          tokens);
      row(
          md,
          "back-channel logout on (QF_BACKCHANNEL_LOGOUT_PATH)",
          false,
          true,
          sessions,
          redis,
          tokens);
    }
    md.append(
        "\nThe sealed value is the session's compact encoding, AES-256-GCM sealed (key id, IV, tag);"
            + " the rest of a key is its name (a SHA-256 of the handle, hex), the compare-and-set"
            + " fingerprint, the hard end and Redis's per-key overhead.\n");
    Files.writeString(out.resolve("redis.md"), md);
    System.out.println(md);
  }

  private static void row(
      StringBuilder md,
      String name,
      boolean keepIdToken,
      boolean backChannel,
      int sessions,
      RedisLauncher redis,
      HydraTokens tokens)
      throws Exception {
    RedisCommands<String, String> commands = redis.commands();
    commands.flushall();
    QfAuthConfig.Builder builder =
        QfAuthConfig.builder()
            .clientId(HydraTokens.CLIENT_ID)
            .clientSecret("bench-secret")
            .redirectUri(java.net.URI.create("https://app.example/callback"));
    if (backChannel) {
      builder.backchannelLogoutPath("/backchannel-logout");
    }
    QfAuthConfig config = builder.build();
    Map<String, String> settings =
        Map.of(
            "QF_REDIS_URI", redis.uri(),
            "QF_REDIS_KEY", RedisLauncher.randomKey(),
            "QF_REDIS_NEAR_CACHE_SIZE", "0");
    SessionStore store = new RedisSessionStoreFactory().create(settings::get, config);
    List<String> scopes = config.scopes();
    long usedBefore = Long.parseLong(info(commands, "memory", "used_memory"));
    try {
      for (int i = 0; i < sessions; i++) {
        store.put(
            config.environment(),
            Randoms.token(),
            SessionMemory.session(tokens, scopes, keepIdToken));
      }
    } finally {
      ((AutoCloseable) store).close();
    }
    long usedAfter = Long.parseLong(info(commands, "memory", "used_memory"));
    long keys = 0;
    long bytes = 0;
    long sealed = 0;
    long sessionKeys = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.limit(500));
      for (String key : page.getKeys()) {
        keys++;
        bytes += commands.memoryUsage(key);
        if (key.contains(":session:")) {
          sessionKeys++;
          sealed += commands.hstrlen(key, "v");
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    if (sessionKeys != sessions) {
      throw new IllegalStateException(sessionKeys + " session keys in Redis, not " + sessions);
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %,d | **%.0f** | %.0f | %.0f |%n",
            name,
            keys,
            (double) bytes / sessions,
            (double) (usedAfter - usedBefore) / sessions,
            (double) sealed / sessions));
  }

  private static String info(RedisCommands<String, String> commands, String section, String field) {
    for (String line : commands.info(section).split("\\r?\\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).trim();
      }
    }
    throw new IllegalStateException("INFO " + section + " has no " + field);
  }
}
