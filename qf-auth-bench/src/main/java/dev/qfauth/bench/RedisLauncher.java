package dev.qfauth.bench;

import dev.qfauth.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bench's own {@code redis-server} ({@link RedisServer}: a free loopback port, a temporary
 * directory, no persistence), stopped by {@link #close()}. Pinned like the load generator (the
 * other core): in a deployment Redis runs on a host of its own, so its CPU must not take the
 * measured server's core.
 */
public final class RedisLauncher implements AutoCloseable {
  private final RedisServer server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;

  private RedisLauncher(RedisServer server) {
    this.server = server;
  }

  /** Starts redis-server and waits until it accepts connections. */
  public static RedisLauncher start() throws IOException {
    RedisServer server = RedisServer.create(false, Pinning.loadGenerator());
    // Also when the bench dies before close(): a child process outlives the JVM otherwise.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-server-stop"));
    try {
      server.start();
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
    return new RedisLauncher(server);
  }

  /** {@code redis://127.0.0.1:port}, for QF_REDIS_URI. */
  public String uri() {
    return server.uri();
  }

  /** This bench's own connection, to look at what the store wrote. */
  public synchronized RedisCommands<String, String> commands() {
    if (connection == null) {
      client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
      connection = client.connect();
    }
    return connection.sync();
  }

  /** Redis's count of commands processed so far (INFO stats; the INFO itself included). */
  public long commandsProcessed() {
    for (String line : commands().info("stats").split("\r?\n")) {
      if (line.startsWith("total_commands_processed:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("INFO stats has no total_commands_processed");
  }

  /** A fresh QF_REDIS_KEY ({@code k1:} and 32 random bytes, base64), for this run only. */
  public static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "k1:" + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public synchronized void close() {
    try {
      if (client != null) {
        if (connection != null) {
          connection.close();
        }
        client.shutdown();
      }
    } finally {
      server.close();
    }
  }
}
