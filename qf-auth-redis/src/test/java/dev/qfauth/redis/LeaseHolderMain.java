package dev.qfauth.redis;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A node in a child JVM that takes a session's refresh lease through the store, as the filter does
 * before it sends the refresh token, then hangs until it is killed: a node that died holding the
 * lease before its refresh reached QF. Args: Redis URI, key setting, app, handle, lease ms.
 */
public final class LeaseHolderMain {
  private LeaseHolderMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings =
        Map.of(
            RedisSessionStoreFactory.URI, args[0],
            RedisSessionStoreFactory.KEY, args[1],
            RedisSessionStoreFactory.APP, args[2]);
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId(args[2])
            .redirectUri(URI.create(AppNodes.REDIRECT_URI))
            .clock(Clock.systemUTC())
            .build();
    RedisSessionStore store =
        (RedisSessionStore) new RedisSessionStoreFactory().create(settings::get, config);
    boolean taken =
        store.tryAcquire(
            QfEnvironment.PRELIVE,
            args[3],
            "child-" + ProcessHandle.current().pid(),
            Duration.ofMillis(Long.parseLong(args[4])));
    System.out.println(taken ? "HOLDING" : "REFUSED");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // killed with SIGKILL: no finally, no shutdown hook runs
  }
}
