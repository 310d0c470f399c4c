package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testsupport.AllAtOnce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class LoginTransactionsTest {
  private static final Duration TTL = Duration.ofMinutes(10);

  private final TestClock clock = new TestClock();

  /** Sign-ins kept in this JVM, up to 100 of them. */
  private final LoginTransactions logins = inThisJvm(100);

  private LoginTransaction tx(String state) {
    return new LoginTransaction(
        state, "nonce-" + state, Secret.of("verifier-" + state), "browser", "/", clock.instant());
  }

  @Test
  void take_afterPut_returnsTransaction() {
    LoginTransaction tx = tx("s1");
    logins.put(tx);
    assertSame(tx, logins.take("s1"));
  }

  @Test
  void take_twice_secondIsNull() {
    logins.put(tx("s1"));
    assertNotNull(logins.take("s1"));
    assertNull(logins.take("s1"));
  }

  @Test
  void take_unknownState_null() {
    logins.put(tx("s1"));
    assertNull(logins.take("s2"));
    assertNull(logins.take(""));
    assertNotNull(logins.take("s1"));
  }

  @Test
  void take_parallelTabs_eachOwnTransaction() {
    logins.put(tx("tab1"));
    logins.put(tx("tab2"));
    assertEquals("nonce-tab2", logins.take("tab2").nonce());
    assertEquals("nonce-tab1", logins.take("tab1").nonce());
  }

  @Test
  void take_justBeforeTtl_returnsTransaction() {
    logins.put(tx("s1"));
    clock.advance(TTL.minusSeconds(1));
    assertNotNull(logins.take("s1"));
  }

  @Test
  void take_afterTtl_null() {
    logins.put(tx("s1"));
    clock.advance(TTL.plusSeconds(1));
    assertNull(logins.take("s1"));
  }

  @Test
  void size_afterTtl_expiredEntriesDropped() {
    logins.put(tx("s1"));
    logins.put(tx("s2"));
    assertEquals(2, logins.size());
    clock.advance(TTL.plusSeconds(1));
    assertEquals(0, logins.size());
  }

  @Test
  void put_farBeyondBound_sizeStaysWithinBound() {
    int bound = 50;
    LoginTransactions bounded = inThisJvm(bound);
    for (int i = 0; i < bound * 10; i++) {
      bounded.put(tx("state-" + i));
    }
    assertTrue(bounded.size() <= bound, "size " + bounded.size());
  }

  @Test
  void take_concurrentCallbacksForOneState_exactlyOneWins() throws Exception {
    try (AllAtOnce callbacks = new AllAtOnce(8)) {
      for (int round = 0; round < 50; round++) {
        String state = "race-" + round;
        logins.put(tx(state));
        List<LoginTransaction> taken = callbacks.call(() -> logins.take(state));
        assertEquals(1, taken.stream().filter(Objects::nonNull).count(), "round " + round);
      }
    }
  }

  /** A shared store as a cluster would have one: sessions and sign-ins, values kept as bytes. */
  private static final class SharedStore extends ForwardingSessionStore implements PendingSignIns {
    final java.util.Map<String, byte[]> signIns = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Duration> ttls = new ArrayList<>();

    SharedStore(java.time.Clock clock) {
      super(new CaffeineSessionStore(10, TTL, clock));
    }

    @Override
    public void put(QfEnvironment environment, String state, byte[] signIn, Duration ttl) {
      ttls.add(ttl);
      signIns.put(environment.id() + ":" + state, signIn.clone());
    }

    @Override
    public java.util.Optional<byte[]> take(QfEnvironment environment, String state) {
      return java.util.Optional.ofNullable(signIns.remove(environment.id() + ":" + state));
    }
  }

  private QfAuthConfig config() {
    return config(100);
  }

  private QfAuthConfig config(long maxPendingLogins) {
    return QfAuthConfig.builder()
        .clientId("c")
        .redirectUri(java.net.URI.create("https://app.example/cb"))
        .maxPendingLogins(maxPendingLogins)
        .loginTimeout(TTL)
        .clock(clock)
        .build();
  }

  /** Sign-ins kept in this JVM: the default store does not keep them. */
  private LoginTransactions inThisJvm(long maxPendingLogins) {
    return LoginTransactions.forStore(
        config(maxPendingLogins), new CaffeineSessionStore(10, TTL, clock));
  }

  @Test
  void forStore_storeThatKeepsSignIns_putAndTakeGoThroughIt() {
    SharedStore store = new SharedStore(clock);
    LoginTransactions node1 = LoginTransactions.forStore(config(), store);
    LoginTransactions node2 = LoginTransactions.forStore(config(), store);
    LoginTransaction tx =
        new LoginTransaction(
            "s1", "n1", Secret.of("verifier-1"), "browser-1", "/after?x=1", clock.instant());

    node1.put(tx);

    assertTrue(node1.shared());
    assertEquals(List.of(TTL), store.ttls);
    assertEquals(0, node1.size());
    assertEquals(tx.toString(), node2.take("s1").toString());
    assertNull(node1.take("s1"));
  }

  @Test
  void forStore_sharedSignIn_keepsEveryField() {
    SharedStore store = new SharedStore(clock);
    LoginTransactions shared = LoginTransactions.forStore(config(), store);
    LoginTransaction tx =
        new LoginTransaction(
            "s1", "n1", Secret.of("verifier-1"), "browser-1", null, clock.instant());

    shared.put(tx);
    LoginTransaction taken = shared.take("s1");

    assertEquals("s1", taken.state());
    assertEquals("n1", taken.nonce());
    assertEquals("verifier-1", taken.codeVerifier().reveal());
    assertEquals("browser-1", taken.browser());
    assertNull(taken.returnTo());
    assertEquals(tx.createdAt(), taken.createdAt());
  }

  @Test
  void forStore_sharedSignInPastTheTimeout_null() {
    SharedStore store = new SharedStore(clock);
    LoginTransactions shared = LoginTransactions.forStore(config(), store);
    shared.put(tx("s1"));

    clock.advance(TTL); // the store has not expired it yet: the filter's own clock still rules

    assertNull(shared.take("s1"));
  }

  @Test
  void forStore_sharedValueNotOneThisVersionWrote_null() {
    SharedStore store = new SharedStore(clock);
    LoginTransactions shared = LoginTransactions.forStore(config(), store);
    store.signIns.put("prelive:s1", new byte[] {9, 1, 2});

    assertNull(shared.take("s1"));
  }

  @Test
  void forStore_plainStore_keepsSignInsInThisJvm() {
    LoginTransactions plain =
        LoginTransactions.forStore(config(), new CaffeineSessionStore(10, TTL, clock));
    plain.put(tx("s1"));

    assertEquals(false, plain.shared());
    assertEquals(1, plain.size());
  }
}
