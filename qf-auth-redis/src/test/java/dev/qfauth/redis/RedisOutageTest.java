package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import dev.qfauth.SessionStoreUnavailableException;
import dev.qfauth.testsupport.AllAtOnce;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis down: every call fails with {@link SessionStoreUnavailableException} within a bound set by
 * the call deadline (500 ms here), never queues, and works again once Redis is back, without a new
 * store. The bounds are generous (10 s): they catch a hang, not a slow machine.
 */
final class RedisOutageTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.inMemory();

  private static final QfEnvironment ENV = QfEnvironment.PRELIVE;
  private static final Duration HANG = Duration.ofSeconds(10);

  private final Stores.MovableClock clock = new Stores.MovableClock();
  @RegisterExtension final OpenedStores stores = new OpenedStores(clock);

  @BeforeEach
  void redisUp() throws Exception {
    REDIS.ensureRunning();
  }

  @Test
  void redisDown_fiftyCallsAtOnce_allFailClearlyWithinTheBound_thenRecover() throws Exception {
    RedisSessionStore store = stores.open(Stores.settings(REDIS));
    store.put(ENV, Stores.handle("a"), Stores.session("a", clock, true));
    REDIS.stop();

    long started = System.nanoTime();
    List<Throwable> failures;
    try (AllAtOnce fifty = new AllAtOnce(50)) {
      failures =
          fifty.call(
              () -> {
                try {
                  store.get(ENV, Stores.handle("a"));
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
    }
    for (Throwable failure : failures) {
      assertTrue(failure instanceof SessionStoreUnavailableException, String.valueOf(failure));
      assertTrue(failure.getMessage().startsWith("Redis at 127.0.0.1:"), failure.getMessage());
      assertEquals(503, ((SessionStoreUnavailableException) failure).httpStatus());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println(
        "Redis down: 50 concurrent calls all failed within " + took.toMillis() + " ms");
    assertTrue(took.compareTo(HANG) < 0);

    try (Reconnect reconnect = new Reconnect(store)) {
      REDIS.start();
      reconnect.await();
    }
    // Back without a new store; this Redis keeps nothing across a restart, so the session is gone.
    assertEquals(Optional.empty(), store.get(ENV, Stores.handle("a")));
    QfSession again = Stores.session("b", clock, true);
    store.put(ENV, Stores.handle("b"), again);
    assertEquals(Optional.of(again), store.get(ENV, Stores.handle("b")));
  }

  @Test
  void redisThatDoesNotAnswer_callFailsAtItsDeadline_andNamesTheSetting() {
    RedisSessionStore store = stores.open(Stores.settings(REDIS));
    store.put(ENV, Stores.handle("a"), Stores.session("a", clock, true));
    REDIS.redis().clientPause(2000); // Redis holds every client's commands for two seconds

    long started = System.nanoTime();
    SessionStoreUnavailableException e =
        assertThrows(
            SessionStoreUnavailableException.class, () -> store.get(ENV, Stores.handle("a")));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    System.out.println("Redis paused: the call failed after " + took.toMillis() + " ms");
    assertTrue(e.getMessage().endsWith("did not answer within 500 ms (QF_REDIS_TIMEOUT_MS)"));
    assertTrue(took.compareTo(HANG) < 0);
  }

  @Test
  void redisDownAtStartUp_storeStarts_callsFail_thenConnectOnceRedisAnswers() throws Exception {
    REDIS.stop();
    RedisSessionStore store =
        stores.open(Stores.settings(REDIS)); // does not throw: the filter still starts

    long started = System.nanoTime();
    assertThrows(SessionStoreUnavailableException.class, () -> store.get(ENV, Stores.handle("a")));
    assertThrows(SessionStoreUnavailableException.class, () -> store.get(ENV, Stores.handle("a")));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println(
        "Redis down at start-up: two calls failed within " + took.toMillis() + " ms");
    assertTrue(took.compareTo(HANG) < 0);

    REDIS.start();
    clock.advance(Duration.ofSeconds(2)); // past the pause between connect attempts
    QfSession session = Stores.session("a", clock, true);
    store.put(ENV, Stores.handle("a"), session);
    assertEquals(Optional.of(session), store.get(ENV, Stores.handle("a")));
  }
}
