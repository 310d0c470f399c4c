package dev.qfauth.redis;

import dev.qfauth.SessionStoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import reactor.core.Disposable;

/**
 * The store's one connection to Redis: made on first use, remade by Lettuce after a drop, and every
 * call through it bounded by {@code QF_REDIS_TIMEOUT_MS}, its failures thrown as {@link
 * SessionStoreUnavailableException} and counted ({@link RedisMetrics}). This is where "Redis is
 * down" is handled; the store above it only sees the exception.
 *
 * <p>With a {@link NearCache}, the connection keeps it honest and never reads or fills it: it turns
 * on {@code CLIENT TRACKING} (RESP3) on each new connection, hands Redis's invalidations to the
 * cache, and empties it the moment the connection drops.
 *
 * <p>Thread-safe: one multiplexed connection serves every thread. No message names the password
 * ({@link #where}).
 */
final class RedisConnection implements AutoCloseable {
  // Under the public store's name: operators configure logging for that type, this one is internal.
  private static final System.Logger LOG = System.getLogger(RedisSessionStore.class.getName());
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final Duration RETRY_CONNECT_AFTER = Duration.ofSeconds(1);

  private final RedisURI uri;
  private final Duration timeout;
  private final Clock clock;
  private final NearCache near;
  private final RedisMetrics metrics;
  private final ClientResources resources;
  private final RedisClient client;
  private final ReentrantLock connecting = new ReentrantLock();
  private final Disposable retrackOnReconnect;
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private volatile long nextConnectAttemptMillis;

  /**
   * Connects at once, or logs that Redis is unreachable and connects on first use. {@code near} is
   * null when the near cache is off.
   */
  RedisConnection(RedisSettings settings, Clock clock, NearCache near, RedisMetrics metrics) {
    this.uri = settings.uri();
    this.timeout = settings.timeout();
    this.clock = clock;
    this.near = near;
    this.metrics = metrics;
    // Reconnect quickly after Redis comes back; never wait longer than a second between tries.
    this.resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    // Redis forgets CLIENT TRACKING with the connection: ask again on each new one.
    this.retrackOnReconnect =
        near == null
            ? null
            : resources
                .eventBus()
                .get()
                .filter(ConnectionActivatedEvent.class::isInstance)
                .subscribe(event -> retrack());
    uri.setTimeout(timeout);
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // While disconnected, fail at once instead of queueing: no thread waits on a dead
            // Redis.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .requestQueueSize(10_000)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
            .build());
    try {
      connection();
    } catch (SessionStoreUnavailableException e) {
      // The filter still starts; calls fail (503) until Redis answers, then work without a restart.
      LOG.log(
          Level.WARNING,
          "Redis at {0} is unreachable at start-up ({1}); sessions are unavailable until it"
              + " answers",
          where(),
          e.getMessage());
    }
  }

  /** Runs {@code script} on {@code key} within the deadline. */
  Object run(Script script, String key, byte[]... args) {
    return run(script, new String[] {key}, args);
  }

  /** Runs {@code script} on {@code keys} within the deadline. */
  Object run(Script script, String[] keys, byte[]... args) {
    return call(
        redis -> {
          try {
            return redis.evalsha(script.sha, script.output, keys, args);
          } catch (RedisNoScriptException e) {
            // Redis restarted (or was flushed) and forgot the script: load it once and retry.
            redis.scriptLoad(script.source);
            return redis.evalsha(script.sha, script.output, keys, args);
          }
        });
  }

  /** One call with the deadline, its failures as {@link SessionStoreUnavailableException}. */
  <T> T call(Function<RedisCommands<String, byte[]>, T> command) {
    StatefulRedisConnection<String, byte[]> open = connection();
    try {
      return command.apply(open.sync());
    } catch (RedisCommandTimeoutException e) {
      metrics.error("timeout");
      throw new SessionStoreUnavailableException(
          "Redis at "
              + where()
              + " did not answer within "
              + timeout.toMillis()
              + " ms ("
              + RedisSessionStoreFactory.TIMEOUT_MS
              + ")",
          e);
    } catch (RedisException e) {
      metrics.error("refused");
      throw new SessionStoreUnavailableException(
          "Redis at " + where() + " refused the call: " + e.getMessage(), e);
    }
  }

  /** Lettuce's resources; tests wait on its event bus for a reconnect. */
  ClientResources resources() {
    return resources;
  }

  /** Closes the connection and Lettuce's threads. */
  @Override
  public void close() {
    if (retrackOnReconnect != null) {
      retrackOnReconnect.dispose();
    }
    StatefulRedisConnection<String, byte[]> open = connection;
    if (open != null) {
      open.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  /**
   * The connection, made on first use when Redis was down at start-up. One thread tries at a time
   * and at most once a second; the others fail at once, so a dead Redis holds no thread longer than
   * one connect timeout.
   */
  private StatefulRedisConnection<String, byte[]> connection() {
    StatefulRedisConnection<String, byte[]> open = connection;
    if (open != null) {
      return open;
    }
    if (clock.millis() >= nextConnectAttemptMillis && connecting.tryLock()) {
      try {
        if (connection == null) {
          StatefulRedisConnection<String, byte[]> made = client.connect(CODEC, uri);
          if (near != null) {
            watch(made);
          }
          connection = made;
          if (near != null) {
            track(made);
          }
        }
        return connection;
      } catch (RedisException e) {
        metrics.error("unreachable");
        nextConnectAttemptMillis = clock.millis() + RETRY_CONNECT_AFTER.toMillis();
        throw new SessionStoreUnavailableException(
            "Redis at " + where() + " is unreachable: " + e.getMessage(), e);
      } finally {
        connecting.unlock();
      }
    }
    metrics.error("unreachable");
    throw new SessionStoreUnavailableException(
        "Redis at " + where() + " is unreachable (still connecting)", null);
  }

  /**
   * Hands Redis's invalidation messages to the near cache, and empties it the moment the connection
   * drops (invalidations sent while it is down are lost).
   */
  private void watch(StatefulRedisConnection<String, byte[]> made) {
    made.addListener((PushListener) this::invalidated);
    made.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            near.stopTracking();
          }
        });
  }

  /** RESP3 client-side caching: {@code ["invalidate", [key, ...]]}, or a null list for all. */
  private void invalidated(PushMessage message) {
    if (!"invalidate".equals(message.getType())) {
      return;
    }
    List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
    if (content.size() > 1 && content.get(1) instanceof List<?> keys) {
      keys.forEach(key -> near.invalidate(String.valueOf(key)));
    } else {
      near.invalidateAll();
    }
  }

  /** Turns tracking on for the first connection; the near cache stays off if Redis refuses. */
  private void track(StatefulRedisConnection<String, byte[]> made) {
    try {
      made.sync().clientTracking(TrackingArgs.Builder.enabled());
      near.startTracking();
    } catch (RedisException e) {
      LOG.log(
          Level.WARNING,
          "Redis at {0} refused CLIENT TRACKING ({1}); the near cache stays off (Redis 6 or later"
              + " with RESP3 is needed)",
          where(),
          e.getMessage());
    }
  }

  /**
   * After Lettuce reconnected: tracking on again, asynchronously (this runs on Lettuce's event
   * thread). Until Redis confirms, nothing read is kept.
   */
  private void retrack() {
    StatefulRedisConnection<String, byte[]> open = connection;
    if (open == null) {
      return; // the first connection: connection() turns tracking on itself
    }
    // The drop already stopped tracking (onRedisDisconnected, on Lettuce's I/O thread, before any
    // reconnect); stopping here too would also drop what the first connection just started to keep.
    open.async()
        .clientTracking(TrackingArgs.Builder.enabled())
        .thenRun(near::startTracking)
        .exceptionally(
            failure -> {
              LOG.log(
                  Level.WARNING,
                  "Redis at {0} refused CLIENT TRACKING after reconnecting ({1}); the near cache is"
                      + " off until the next reconnect",
                  where(),
                  failure.getMessage());
              return null;
            });
  }

  /** Host and port, or the Sentinel master's name: never the password. */
  private String where() {
    return uri.getSentinels().isEmpty()
        ? uri.getHost() + ":" + uri.getPort()
        : "sentinel master " + uri.getSentinelMasterId();
  }

  /** A Lua script and its SHA-1, the name EVALSHA calls it by. */
  static final class Script {
    final String source;
    final String sha;
    final ScriptOutputType output;

    Script(String source, ScriptOutputType output) {
      this.source = source;
      this.output = output;
      try {
        this.sha =
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-1")
                        .digest(source.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
