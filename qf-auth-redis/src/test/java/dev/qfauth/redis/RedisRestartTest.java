package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Redis's append-only file on, a session written before a restart is there after it. */
final class RedisRestartTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.appendOnly();

  @Test
  void redisRestartedWithAppendOnlyFile_sessionWrittenBeforeIsStillThere() throws Exception {
    Stores.MovableClock clock = new Stores.MovableClock();
    try (RedisSessionStore store = Stores.store(Stores.settings(REDIS), clock)) {
      QfSession session = Stores.session("a", clock, true);
      store.put(QfEnvironment.PRELIVE, Stores.handle("a"), session);

      try (Reconnect reconnect = new Reconnect(store)) {
        REDIS.stop();
        REDIS.start();
        reconnect.await();
      }

      // Also the first call after the restart: Redis forgot the scripts, the store reloads them.
      assertEquals(Optional.of(session), store.get(QfEnvironment.PRELIVE, Stores.handle("a")));
      QfSession refreshed = Stores.session("a2", clock, true);
      store.replace(QfEnvironment.PRELIVE, Stores.handle("a"), session, refreshed);
      assertEquals(Optional.of(refreshed), store.get(QfEnvironment.PRELIVE, Stores.handle("a")));
    }
  }
}
