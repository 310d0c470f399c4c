package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfConfigException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class RedisSettingsTest {
  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put(RedisSessionStoreFactory.URI, "redis://127.0.0.1:6379");
    m.put(RedisSessionStoreFactory.KEY, Stores.KEY_1);
    return m;
  }

  private static RedisSettings read(Map<String, String> m) {
    return RedisSettings.read(m::get, Stores.config(Clock.systemUTC()));
  }

  private static String failure(Map<String, String> m) {
    return assertThrows(IllegalArgumentException.class, () -> read(m)).getMessage();
  }

  @Test
  void read_minimal_defaultsAppToTheClientIdAndTheDeadlineToOneSecond() {
    RedisSettings s = read(minimal());
    assertEquals("client-a", s.app());
    assertEquals("qfauth", s.prefix());
    assertEquals(Duration.ofSeconds(1), s.timeout());
    assertEquals(Duration.ofHours(720), s.refreshTokenLife());
    assertEquals("k1", s.keys().currentId());
  }

  @Test
  void read_nearCacheSize_defaultsToTenThousand_zeroTurnsItOff_negativeIsRefusedByName() {
    assertEquals(10_000, read(minimal()).nearCacheSize());
    Map<String, String> m = minimal();
    m.put(RedisSessionStoreFactory.NEAR_CACHE_SIZE, "0");
    assertEquals(0, read(m).nearCacheSize());
    m.put(RedisSessionStoreFactory.NEAR_CACHE_SIZE, "-1");
    assertTrue(failure(m).startsWith("QF_REDIS_NEAR_CACHE_SIZE must be"), failure(m));
    m.put(RedisSessionStoreFactory.NEAR_CACHE_SIZE, "lots");
    assertTrue(failure(m).startsWith("QF_REDIS_NEAR_CACHE_SIZE must be"), failure(m));
  }

  @Test
  void read_tlsAclAndSentinelUris_areAccepted() {
    Map<String, String> m = minimal();
    m.put(RedisSessionStoreFactory.URI, "rediss://qf-app:s3cret@redis.example:6380/2");
    RedisSettings tls = read(m);
    assertTrue(tls.uri().isSsl());
    assertEquals(
        "qf-app", tls.uri().getCredentialsProvider().resolveCredentials().block().getUsername());
    assertEquals(2, tls.uri().getDatabase());

    m.put(
        RedisSessionStoreFactory.URI,
        "redis-sentinel://s1.example:26379,s2.example:26379/0#mymaster");
    RedisSettings sentinel = read(m);
    assertEquals("mymaster", sentinel.uri().getSentinelMasterId());
    assertEquals(2, sentinel.uri().getSentinels().size());
  }

  /**
   * The minimal settings with one of them removed (value null) or set to a bad value: refused with
   * the message given (whole, or how it starts), which never echoes {@code secret}.
   */
  @ParameterizedTest(name = "{0}={1}: {2}")
  @MethodSource("badSettings")
  void read_badSetting_isRefusedNamingIt(
      String name, String value, String message, boolean whole, String secret) {
    Map<String, String> m = minimal();
    if (value == null) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    String failure = failure(m);
    if (whole) {
      assertEquals(message, failure);
    } else {
      assertTrue(failure.startsWith(message), failure);
    }
    if (secret != null) {
      assertFalse(failure.contains(secret), failure);
    }
  }

  static Stream<Arguments> badSettings() {
    String shortKey = "c2hvcnQta2V5";
    return Stream.of(
        arguments(RedisSessionStoreFactory.URI, null, "QF_REDIS_URI is required", false, null),
        arguments(
            RedisSessionStoreFactory.URI,
            "http://user:s3cret@redis.example",
            "QF_REDIS_URI must start with redis://",
            false,
            "s3cret"),
        arguments(
            RedisSessionStoreFactory.URI,
            "redis://user:s3cret@redis.example:6379/notadb",
            "QF_REDIS_URI is not a valid Redis URI",
            false,
            "s3cret"),
        arguments(
            RedisSessionStoreFactory.KEY,
            null,
            "QF_REDIS_KEY or QF_REDIS_KEY_FILE is required",
            false,
            null),
        arguments(
            RedisSessionStoreFactory.KEY,
            "k1:" + shortKey,
            "QF_REDIS_KEY: key k1 must be 256 bits",
            false,
            shortKey),
        arguments(
            RedisSessionStoreFactory.KEY,
            Stores.KEY_1.substring(3),
            "QF_REDIS_KEY must list keys as id:base64",
            false,
            null),
        arguments(
            RedisSessionStoreFactory.KEY,
            Stores.KEY_1 + "," + Stores.KEY_1,
            "QF_REDIS_KEY: key id k1 is listed twice",
            true,
            null),
        arguments(
            RedisSessionStoreFactory.KEY_FILE,
            "/run/secrets/qf-redis-key",
            "set QF_REDIS_KEY or QF_REDIS_KEY_FILE, not both",
            true,
            null),
        arguments(
            RedisSessionStoreFactory.APP,
            "shop:eu",
            "QF_REDIS_APP must be 1 to 64 of",
            false,
            null),
        arguments(
            RedisSessionStoreFactory.TIMEOUT_MS,
            "0",
            "QF_REDIS_TIMEOUT_MS must be a whole number above 0",
            true,
            null));
  }

  @Test
  void read_keyFile_listsTheKeysWithTheFirstCurrent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys");
    Files.writeString(file, Stores.KEY_2 + "\n" + Stores.KEY_1 + "\n");
    Map<String, String> m = minimal();
    m.remove(RedisSessionStoreFactory.KEY);
    m.put(RedisSessionStoreFactory.KEY_FILE, file.toString());
    assertEquals("k2", read(m).keys().currentId());
  }

  @Test
  void read_missingKeyFile_namesTheSetting(@TempDir Path dir) {
    Map<String, String> m = minimal();
    m.remove(RedisSessionStoreFactory.KEY);
    m.put(RedisSessionStoreFactory.KEY_FILE, dir.resolve("absent").toString());
    assertTrue(failure(m).startsWith("QF_REDIS_KEY_FILE cannot be read"));
  }

  @Test
  void filterStartUp_redisStoreWithoutUri_failsNamingBothSettings() {
    Map<String, String> m = new HashMap<>();
    m.put(QfAuthConfig.CLIENT_ID, "client-a");
    m.put(QfAuthConfig.REDIRECT_URI, "https://app.example/cb");
    m.put(QfAuthConfig.SESSION_STORE, "redis");
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> QfAuthConfig.fromSources(m::get));
    assertTrue(
        e.getMessage().startsWith("QF_SESSION_STORE=redis: QF_REDIS_URI is required"),
        e.getMessage());
  }

  /** The values of the factory's public {@code String} constants: the settings it documents. */
  private static Set<String> settingConstants() {
    Set<String> names = new TreeSet<>();
    for (Field f : RedisSessionStoreFactory.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return names;
  }

  @Test
  void read_asksForEverySettingTheFactoryNames() {
    Set<String> asked = new TreeSet<>();
    Map<String, String> m = minimal();
    RedisSettings.read(
        name -> {
          asked.add(name);
          return m.get(name);
        },
        Stores.config(Clock.systemUTC()));

    assertEquals(settingConstants(), asked);
  }

  @Test
  void readmeRedisTable_namesExactlyTheFactorysSettings() throws Exception {
    String readme =
        Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("../README.md"));
    int section = readme.indexOf("\n## Several nodes: Redis\n");
    assertTrue(section >= 0, "README.md has no section 'Several nodes: Redis'");
    int end = readme.indexOf("\n## ", section + 1);
    Set<String> inTable = new TreeSet<>();
    for (String line : readme.substring(section, end).split("\n")) {
      if (line.startsWith("| `QF_REDIS_")) {
        Matcher name = Pattern.compile("`(QF_REDIS_[A-Z_]+)`").matcher(line.split("\\|")[1]);
        while (name.find()) {
          inTable.add(name.group(1));
        }
      }
    }

    assertEquals(settingConstants(), inTable, "README's Redis settings table vs the constants");
    assertFalse(inTable.isEmpty());
  }
}
