package dev.qfauth.redis;

import static dev.qfauth.redis.RedisSessionStoreFactory.APP;
import static dev.qfauth.redis.RedisSessionStoreFactory.KEY;
import static dev.qfauth.redis.RedisSessionStoreFactory.KEY_FILE;
import static dev.qfauth.redis.RedisSessionStoreFactory.NEAR_CACHE_SIZE;
import static dev.qfauth.redis.RedisSessionStoreFactory.PREFIX;
import static dev.qfauth.redis.RedisSessionStoreFactory.REFRESH_TOKEN_HOURS;
import static dev.qfauth.redis.RedisSessionStoreFactory.TIMEOUT_MS;
import static dev.qfauth.redis.RedisSessionStoreFactory.URI;

import dev.qfauth.QfAuthConfig;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Redis store's own settings, read and checked at start-up. Every message names the setting and
 * never echoes a password or key.
 */
record RedisSettings(
    RedisURI uri,
    KeyRing keys,
    String prefix,
    String app,
    Duration timeout,
    Duration refreshTokenLife,
    long nearCacheSize) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  static RedisSettings read(Function<String, String> settings, QfAuthConfig config) {
    return new RedisSettings(
        uri(value(settings, URI)),
        keys(value(settings, KEY), value(settings, KEY_FILE)),
        name(PREFIX, orDefault(value(settings, PREFIX), "qfauth")),
        name(APP, orDefault(value(settings, APP), config.clientId())),
        Duration.ofMillis(positive(TIMEOUT_MS, value(settings, TIMEOUT_MS), 1000)),
        Duration.ofHours(positive(REFRESH_TOKEN_HOURS, value(settings, REFRESH_TOKEN_HOURS), 720)),
        nearCacheSize(value(settings, NEAR_CACHE_SIZE)));
  }

  private static RedisURI uri(String value) {
    if (value == null) {
      throw new IllegalArgumentException(
          URI
              + " is required, e.g. redis://host:6379, rediss://user:password@host:6380/0 or"
              + " redis-sentinel://host:26379/0#mymaster");
    }
    String scheme = value.contains("://") ? value.substring(0, value.indexOf("://")) : "";
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "redis", "rediss", "redis-sentinel", "rediss-sentinel" -> {}
      default ->
          throw new IllegalArgumentException(
              URI
                  + " must start with redis://, rediss:// (TLS), redis-sentinel:// or"
                  + " rediss-sentinel://");
    }
    try {
      return RedisURI.create(value);
    } catch (RuntimeException e) {
      // Lettuce's message may quote the URI, password included: say only which part is wrong.
      throw new IllegalArgumentException(
          URI + " is not a valid Redis URI (check host, port, database and user:password)");
    }
  }

  private static KeyRing keys(String key, String keyFile) {
    if (key != null && keyFile != null) {
      throw new IllegalArgumentException("set " + KEY + " or " + KEY_FILE + ", not both");
    }
    if (key != null) {
      return KeyRing.parse(KEY, key);
    }
    if (keyFile == null) {
      throw new IllegalArgumentException(
          KEY
              + " or "
              + KEY_FILE
              + " is required: the AES-256 key that encrypts sessions in Redis, as id:base64"
              + " (make one with: echo k1:$(openssl rand -base64 32))");
    }
    try {
      return KeyRing.parse(KEY_FILE, Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII));
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(
          KEY_FILE + " cannot be read: " + e.getClass().getSimpleName() + " for " + keyFile);
    }
  }

  private static String name(String setting, String value) {
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          setting + " must be 1 to 64 of A-Z a-z 0-9 . _ - (it becomes part of Redis key names)");
    }
    return value;
  }

  private static long positive(String setting, String value, long otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(setting + " must be a whole number above 0");
  }

  private static long nearCacheSize(String value) {
    if (value == null) {
      return 10_000;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        NEAR_CACHE_SIZE + " must be a whole number, 0 (off) or more (sessions kept per node)");
  }

  private static String value(Function<String, String> settings, String name) {
    String value = settings.apply(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String orDefault(String value, String otherwise) {
    return value != null ? value : otherwise;
  }
}
