package dev.qfauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.qfauth.QfSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The near cache's own rules, without Redis: the two races it must close. */
final class NearCacheTest {
  private static final String KEY = "qfauth:app-a:prelive:session:ab12";
  private static final long NOW = 1_000_000L;

  private final Stores.MovableClock clock = new Stores.MovableClock();
  private final QfSession session = Stores.session("a", clock, true);

  private NearCache tracking() {
    NearCache near = new NearCache(100, Duration.ofMinutes(30));
    near.startTracking();
    return near;
  }

  @Test
  void fill_afterAnUndisturbedRead_isServed() {
    NearCache near = tracking();
    near.fill(KEY, near.begin(KEY), session, NOW + 1);

    assertEquals(session, near.get(KEY, NOW));
  }

  @Test
  void fill_whenAnInvalidationArrivedDuringTheRead_keepsNothing() {
    NearCache near = tracking();
    NearCache.Pending pending = near.begin(KEY);
    near.invalidate(KEY); // another node wrote while the read was on the wire

    near.fill(KEY, pending, session, NOW + 1);

    assertNull(near.get(KEY, NOW));
    assertEquals(0, near.size());
  }

  @Test
  void fill_whenTheConnectionDroppedDuringTheRead_keepsNothing_evenAfterTrackingResumed() {
    NearCache near = tracking();
    NearCache.Pending pending = near.begin(KEY);
    near.stopTracking();
    near.startTracking();

    near.fill(KEY, pending, session, NOW + 1);

    assertNull(near.get(KEY, NOW));
  }

  @Test
  void begin_whileNotTracking_keepsNothing() {
    NearCache near = new NearCache(100, Duration.ofMinutes(30));

    near.fill(KEY, near.begin(KEY), session, NOW + 1);

    assertNull(near.get(KEY, NOW));
  }

  @Test
  void get_pastTheHardEnd_isNull() {
    NearCache near = tracking();
    near.fill(KEY, near.begin(KEY), session, NOW);

    assertNull(near.get(KEY, NOW));
  }

  @Test
  void stopTracking_dropsEverySession() {
    NearCache near = tracking();
    near.fill(KEY, near.begin(KEY), session, NOW + 1);

    near.stopTracking();

    assertNull(near.get(KEY, NOW));
  }

  @Test
  void fill_twoReadsAtOnce_theOverwrittenOneKeepsNothing() {
    NearCache near = tracking();
    NearCache.Pending first = near.begin(KEY);
    NearCache.Pending second = near.begin(KEY);
    QfSession other = Stores.session("b", clock, true);

    near.fill(KEY, first, other, NOW + 1);
    near.fill(KEY, second, session, NOW + 1);

    assertEquals(session, near.get(KEY, NOW));
  }
}
