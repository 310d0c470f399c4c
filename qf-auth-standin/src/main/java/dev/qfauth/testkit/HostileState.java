package dev.qfauth.testkit;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** What the hostile provider's parts share: the defect, keys, ledger, counters and URLs. */
final class HostileState {
  final HostileKeys keys = new HostileKeys();
  final SecretLedger ledger = new SecretLedger();
  final Staller staller;
  final String issuer;
  final String authBase;
  final String host;
  final int port;

  /** The same server under the other loopback name: "another host" to the relying party. */
  final String attackerBase;

  /** What the provider counts, each reported by {@link QfHostileProvider}. */
  enum Counted {
    DISCOVERY_FETCHES,
    JWKS_FETCHES,
    TOKEN_CALLS,
    API_CALLS,
    ATTACKER_CALLS
  }

  /** One counter per {@link Counted}; filled here, never changed after, so safe to share. */
  private final Map<Counted, AtomicInteger> counts = new EnumMap<>(Counted.class);

  /** For the one-shot defects ({@code *_ONCE}): set once the defect fired. */
  final AtomicBoolean fired = new AtomicBoolean();

  private volatile QfDefect defect;
  private volatile RSAKey rotated;
  volatile String lastGenuineIdToken;
  volatile String lastGenuineRedirect;

  HostileState(QfStandIn standIn, Duration stall) {
    this.staller = new Staller(stall);
    for (Counted counted : Counted.values()) {
      counts.put(counted, new AtomicInteger());
    }
    this.issuer = standIn.issuer();
    this.authBase = standIn.authBaseUrl().toString();
    this.host = standIn.authBaseUrl().getHost();
    this.port = standIn.port();
    String other = "127.0.0.1".equals(host) ? "localhost" : "127.0.0.1";
    this.attackerBase = "http://" + other + ":" + port + "/attacker";
  }

  QfDefect defect() {
    return defect;
  }

  /** The defect if it belongs to {@code family}, else null. */
  QfDefect defect(QfDefect.Family family) {
    QfDefect current = defect;
    return current != null && current.family() == family ? current : null;
  }

  synchronized void inject(QfDefect next) {
    fired.set(false);
    if (next != null) {
      keys.prepare(); // once: each key is made on its first use only
    }
    if (next == QfDefect.KEYS_ROTATED) {
      rotated = keys.rotate(); // a new key per injection: every injection is a real rotation
    }
    defect = next;
  }

  /** No defect from now on, and every stalled connection let go. */
  void clear() {
    inject(null);
    staller.release();
  }

  RSAKey rotated() {
    return rotated;
  }

  /** True the first time it is called after an injection. */
  boolean fireOnce() {
    return fired.compareAndSet(false, true);
  }

  void count(Counted counted) {
    counts.get(counted).incrementAndGet();
  }

  int counted(Counted counted) {
    return counts.get(counted).get();
  }

  void resetCounts() {
    counts.values().forEach(count -> count.set(0));
  }
}
