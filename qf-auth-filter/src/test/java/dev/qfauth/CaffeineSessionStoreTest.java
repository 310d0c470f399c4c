package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CaffeineSessionStoreTest {
  private static final Duration IDLE = Duration.ofMinutes(30);

  private final TestClock clock = new TestClock();

  private static QfSession session(String accessToken) {
    return TestSession.builder().accessToken(accessToken).refreshToken("rt-" + accessToken).build();
  }

  private CaffeineSessionStore store(long max) {
    return new CaffeineSessionStore(max, IDLE, clock);
  }

  @Test
  void get_afterPut_sameEnvironment_present() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    assertEquals(Optional.of(session("at1")), store.get(QfEnvironment.PRELIVE, "h1"));
  }

  @Test
  void get_otherEnvironment_empty() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    assertEquals(Optional.empty(), store.get(QfEnvironment.PRODUCTION, "h1"));
    store.put(QfEnvironment.PRODUCTION, "h2", session("at2"));
    assertEquals(Optional.empty(), store.get(QfEnvironment.PRELIVE, "h2"));
  }

  @Test
  void put_sameHandleBothEnvironments_keptApart() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h", session("pre"));
    store.put(QfEnvironment.PRODUCTION, "h", session("prod"));
    assertEquals("pre", store.get(QfEnvironment.PRELIVE, "h").orElseThrow().accessToken().reveal());
    assertEquals(
        "prod", store.get(QfEnvironment.PRODUCTION, "h").orElseThrow().accessToken().reveal());
    store.remove(QfEnvironment.PRELIVE, "h");
    assertTrue(store.get(QfEnvironment.PRODUCTION, "h").isPresent());
  }

  @Test
  void remove_otherEnvironment_nothingRemoved() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    assertEquals(Optional.empty(), store.remove(QfEnvironment.PRODUCTION, "h1"));
    assertTrue(store.get(QfEnvironment.PRELIVE, "h1").isPresent());
  }

  @Test
  void remove_present_returnsItOnce() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    assertEquals(Optional.of(session("at1")), store.remove(QfEnvironment.PRELIVE, "h1"));
    assertEquals(Optional.empty(), store.remove(QfEnvironment.PRELIVE, "h1"));
    assertEquals(Optional.empty(), store.get(QfEnvironment.PRELIVE, "h1"));
  }

  /**
   * Replace compares and sets: with a session stored under h1 in prelive (none where blank), {@code
   * replace(environment, h1, expected, replacement)} answers {@code replaced} and prelive then
   * holds {@code held} (none where blank). Sessions are made anew for each call: an equal value
   * (not the same instance) counts, as the store compares by value.
   */
  @ParameterizedTest(name = "replace_{0}")
  @CsvSource({
    // case,                           stored, environment, expected, replacement, replaced, held
    "expectedMatches_swapped,           at1,    PRELIVE,     at1,      at2,         true,     at2",
    "staleExpected_refusedAndUnchanged, at2,    PRELIVE,     at1,      at3,         false,    at2",
    "absentHandle_refusedAndNotCreated, ,       PRELIVE,     at1,      at2,         false,    ",
    "otherEnvironment_refused,          at1,    PRODUCTION,  at1,      at2,         false,    at1"
  })
  void replace_storedExpectedOrNot_swappedOnlyWhenEqual(
      String name,
      String stored,
      QfEnvironment environment,
      String expected,
      String replacement,
      boolean replaced,
      String held) {
    CaffeineSessionStore store = store(100);
    if (stored != null) {
      store.put(QfEnvironment.PRELIVE, "h1", session(stored));
    }
    assertEquals(
        replaced, store.replace(environment, "h1", session(expected), session(replacement)), name);
    assertEquals(
        Optional.ofNullable(held).map(CaffeineSessionStoreTest::session),
        store.get(QfEnvironment.PRELIVE, "h1"),
        name);
  }

  @Test
  void replace_afterLogoutRemoved_refusedSoRefreshCannotResurrect() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    store.remove(QfEnvironment.PRELIVE, "h1");
    assertFalse(store.replace(QfEnvironment.PRELIVE, "h1", session("at1"), session("at2")));
    assertEquals(Optional.empty(), store.get(QfEnvironment.PRELIVE, "h1"));
  }

  @Test
  void get_idleBeyondTimeout_empty() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    clock.advance(IDLE.plusSeconds(1));
    assertEquals(Optional.empty(), store.get(QfEnvironment.PRELIVE, "h1"));
  }

  @Test
  void get_usedWithinTimeout_keptAlive() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    for (int i = 0; i < 5; i++) {
      clock.advance(IDLE.minusMinutes(1));
      assertTrue(store.get(QfEnvironment.PRELIVE, "h1").isPresent(), "use " + i);
    }
    clock.advance(IDLE.plusSeconds(1));
    assertFalse(store.get(QfEnvironment.PRELIVE, "h1").isPresent());
  }

  @Test
  void replace_idleExpired_refused() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    clock.advance(IDLE.plusSeconds(1));
    assertFalse(store.replace(QfEnvironment.PRELIVE, "h1", session("at1"), session("at2")));
  }

  @Test
  void size_idleExpired_zero() {
    CaffeineSessionStore store = store(100);
    store.put(QfEnvironment.PRELIVE, "h1", session("at1"));
    store.put(QfEnvironment.PRELIVE, "h2", session("at2"));
    assertEquals(2, store.size(QfEnvironment.PRELIVE));
    clock.advance(IDLE.plusSeconds(1));
    assertEquals(0, store.size(QfEnvironment.PRELIVE));
  }

  @Test
  void put_tenTimesTheBound_sizeWithinBound() {
    int bound = 100;
    CaffeineSessionStore store = store(bound);
    for (int i = 0; i < bound * 10; i++) {
      store.put(QfEnvironment.PRELIVE, "h" + i, session("at" + i));
    }
    assertTrue(
        store.size(QfEnvironment.PRELIVE) <= bound, "size " + store.size(QfEnvironment.PRELIVE));
    assertEquals(0, store.size(QfEnvironment.PRODUCTION));
  }

  @Test
  void put_boundIsPerEnvironment() {
    int bound = 10;
    CaffeineSessionStore store = store(bound);
    for (int i = 0; i < bound; i++) {
      store.put(QfEnvironment.PRELIVE, "p" + i, session("a" + i));
      store.put(QfEnvironment.PRODUCTION, "q" + i, session("b" + i));
    }
    assertEquals(bound, store.size(QfEnvironment.PRELIVE));
    assertEquals(bound, store.size(QfEnvironment.PRODUCTION));
  }
}
