package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh across nodes, with a store that is also {@link RefreshLeases} (the other nodes are
 * played by the test), and new tokens that the store does not take.
 */
final class RefreshLeaseTest {
  private static final FakeQf SERVER = new FakeQf();
  // Generous: the machine is shared. The config's shorter deadlines only size the lease here.
  private static final HttpCalls HTTP = new HttpCalls(Duration.ofSeconds(2), Duration.ofSeconds(3));
  private static final QfEnvironment ENV = QfEnvironment.PRELIVE;
  private static final String HANDLE = "handle-1";

  private final TestClock clock = new TestClock();
  private final LeasingStore store = new LeasingStore(clock);
  private QfAuthConfig config;

  @BeforeEach
  void setUp() {
    RefresherParts.resetProvider(SERVER);
    config =
        RefresherParts.config(SERVER, clock)
            .connectTimeout(Duration.ofMillis(200))
            .requestTimeout(Duration.ofMillis(300))
            .build();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  private Refresher refresher(SessionStore store) {
    return RefresherParts.refresher(config, store, HTTP, OpsMetrics.NONE);
  }

  private QfSession original() {
    return RefresherParts.original(clock);
  }

  private QfSession refreshedElsewhere() {
    return RefresherParts.session(clock, "node-2", 3600);
  }

  /**
   * Starts a refresh of the stored {@link #original()} while another node holds the lease, and
   * returns once it has been refused the lease and waits.
   */
  private CompletableFuture<QfSession> refreshWhileAnotherNodeHoldsTheLease() throws Exception {
    store.put(ENV, HANDLE, original());
    store.heldElsewhere = true;
    Refresher refresher = refresher(store);

    CompletableFuture<QfSession> waiting =
        CompletableFuture.supplyAsync(() -> refresher.refresh(HANDLE, original()));
    assertTrue(store.refused.await(10, TimeUnit.SECONDS), "asked for the lease");
    return waiting;
  }

  @Test
  void time_defaultDeadlines_outlastsAConnectATokenCallAndAKeyFetch() {
    QfAuthConfig defaults =
        QfAuthConfig.builder()
            .clientId("c")
            .redirectUri(URI.create("https://app.example/callback"))
            .build();
    assertEquals(Duration.ofSeconds(27), RefreshLease.time(defaults));
    assertEquals(Duration.ofMillis(2800), RefreshLease.time(config));
  }

  @Test
  void refresh_leaseFree_takenThenReleasedByTheSameHolder() {
    store.put(ENV, HANDLE, original());

    QfSession rotated = refresher(store).refresh(HANDLE, original());

    assertEquals("at-2", rotated.accessToken().reveal());
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
    assertEquals(1, store.acquired.size());
    assertEquals(store.acquired, store.released);
    assertEquals(RefreshLease.time(config), store.leaseTime);
    assertEquals(Optional.of(rotated), store.get(ENV, HANDLE));
  }

  @Test
  void refresh_leaseHeldByAnotherNode_waitsAndUsesItsResultWithoutCallingQf() throws Exception {
    CompletableFuture<QfSession> waiting = refreshWhileAnotherNodeHoldsTheLease();
    // The other node stores its result and releases the lease.
    store.put(ENV, HANDLE, refreshedElsewhere());
    store.heldElsewhere = false;

    assertEquals(refreshedElsewhere(), waiting.get(10, TimeUnit.SECONDS));
    assertEquals(
        0, SERVER.hits(FakeQf.TOKEN_PATH), "the refresh token was sent by the other node only");
  }

  @Test
  void refresh_holderDiedWithoutResult_refreshedOnceTheLeaseEnds() throws Exception {
    CompletableFuture<QfSession> waiting = refreshWhileAnotherNodeHoldsTheLease();
    store.heldElsewhere = false; // the dead holder's lease ran out

    assertEquals("at-2", waiting.get(10, TimeUnit.SECONDS).accessToken().reveal());
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  @Test
  void refresh_sessionEndedWhileWaiting_loginRequired() throws Exception {
    CompletableFuture<QfSession> waiting = refreshWhileAnotherNodeHoldsTheLease();
    store.remove(ENV, HANDLE); // signed out on another node

    Exception e = assertThrows(Exception.class, () -> waiting.get(10, TimeUnit.SECONDS));
    assertEquals(QfErrorCode.LOGIN_REQUIRED, ((QfAuthException) e.getCause()).code());
    assertEquals(0, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  @Test
  void refresh_storeDownAMomentWhenWritingTheNewSet_retriedWhileTheLeaseRuns() {
    store.put(ENV, HANDLE, original());
    store.replaceFailures.set(3);

    QfSession rotated = refresher(store).refresh(HANDLE, original());

    assertEquals("at-2", rotated.accessToken().reveal());
    assertEquals(Optional.of(rotated), store.get(ENV, HANDLE), "stored once the store answered");
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  @Test
  void refresh_storeDownPastTheLease_newSetKeptHereAndStoredAtTheNextRefreshWithoutQf() {
    store.put(ENV, HANDLE, original());
    store.replaceFailures.set(Integer.MAX_VALUE);
    Refresher refresher = refresher(store);

    QfSession rotated;
    try (LogCapture logs = new LogCapture()) {
      rotated = refresher.refresh(HANDLE, original());
      assertTrue(logs.text().contains("this node keeps them"), logs.text());
      for (String secret : List.of("at-1", "rt-1", "at-2", "rt-2", HANDLE)) {
        assertFalse(logs.text().contains(secret), "logged " + secret);
      }
    }

    assertEquals("at-2", rotated.accessToken().reveal(), "served, not dropped");
    assertEquals(Optional.of(original()), store.get(ENV, HANDLE));
    // The store is back; the session's next refresh on this node writes the kept set.
    store.replaceFailures.set(0);
    QfSession next = refresher.refresh(HANDLE, original());
    assertEquals(rotated, next);
    assertEquals(Optional.of(rotated), store.get(ENV, HANDLE));
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH), "the spent refresh token was never sent again");
  }

  @Test
  void refresh_storeWithoutLeasesDown_newSetServedAtOnceWithoutRetries() {
    SessionStore plain = new FailingStore(new CaffeineSessionStore(10, Duration.ofHours(1), clock));
    plain.put(ENV, HANDLE, original());

    QfSession rotated = refresher(plain).refresh(HANDLE, original());

    assertEquals("at-2", rotated.accessToken().reveal());
    assertFalse(plain instanceof RefreshLeases);
    assertEquals(1, SERVER.hits(FakeQf.TOKEN_PATH));
  }

  /** A store whose replace always fails: no leases, so no retries. */
  private static final class FailingStore extends ForwardingSessionStore {
    FailingStore(SessionStore delegate) {
      super(delegate);
    }

    @Override
    public boolean replace(
        QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
      throw new SessionStoreUnavailableException("store down (test)", null);
    }
  }

  /** A shared store as the other nodes see it: sessions, and a lease the test can hold. */
  private static final class LeasingStore extends ForwardingSessionStore implements RefreshLeases {
    volatile boolean heldElsewhere;
    final CountDownLatch refused = new CountDownLatch(1);
    final AtomicInteger replaceFailures = new AtomicInteger();
    final List<String> acquired = new ArrayList<>();
    final List<String> released = new ArrayList<>();
    volatile Duration leaseTime;

    LeasingStore(TestClock clock) {
      super(new CaffeineSessionStore(10, Duration.ofHours(1), clock));
    }

    @Override
    public synchronized boolean tryAcquire(
        QfEnvironment environment, String handle, String holder, Duration time) {
      if (heldElsewhere || acquired.size() > released.size()) {
        refused.countDown();
        return false;
      }
      acquired.add(holder);
      leaseTime = time;
      return true;
    }

    @Override
    public synchronized void release(QfEnvironment environment, String handle, String holder) {
      released.add(holder);
    }

    @Override
    public boolean replace(
        QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
      if (replaceFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        throw new SessionStoreUnavailableException("store down (test)", null);
      }
      return super.replace(environment, handle, expected, replacement);
    }
  }
}
