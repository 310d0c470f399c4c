package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.fail;

import dev.qfauth.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} ({@link RedisServer}: a free loopback port, a temporary directory),
 * started before the test class and stopped after it. Without {@code redis-server} the tests are
 * skipped, or fail when {@code CI=true}.
 *
 * <p>Public for other modules' tests (the sample's two-node test), through this module's test jar.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final boolean appendOnly;
  private RedisServer server;
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> connection;

  private RedisServerExtension(boolean appendOnly) {
    this.appendOnly = appendOnly;
  }

  /** No persistence: the fastest. */
  public static RedisServerExtension inMemory() {
    return new RedisServerExtension(false);
  }

  /** With the append-only file on, so a restart keeps what was written. */
  public static RedisServerExtension appendOnly() {
    return new RedisServerExtension(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (RedisServer.binary() == null) {
      String why = "redis-server is not installed (apt-get install redis-server)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + ": CI=true, so the Redis tests must run");
      }
      Assumptions.abort(why);
    }
    server = RedisServer.create(appendOnly, List.of());
    server.start();
    client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      connection.close();
      client.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  /** {@code redis://127.0.0.1:port}. */
  public String uri() {
    return server.uri();
  }

  int port() {
    return server.port();
  }

  /** A connection of the test's own, to look at what the store wrote. */
  RedisCommands<String, byte[]> redis() {
    return connection.sync();
  }

  /** Starts redis-server again, on the same port and directory, and waits until it is ready. */
  void start() throws IOException {
    server.start();
  }

  /** Starts redis-server unless it runs. */
  void ensureRunning() throws IOException {
    if (!server.isRunning()) {
      server.start();
    }
  }

  /** Stops redis-server as an operator would (SIGTERM: it writes out its append-only file). */
  void stop() {
    server.stop();
  }
}
