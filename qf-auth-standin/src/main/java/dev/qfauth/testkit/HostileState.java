package dev.qfauth.testkit;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
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

  final AtomicInteger discoveryFetches = new AtomicInteger();
  final AtomicInteger jwksFetches = new AtomicInteger();
  final AtomicInteger tokenCalls = new AtomicInteger();
  final AtomicInteger apiCalls = new AtomicInteger();
  final AtomicInteger attackerCalls = new AtomicInteger();

  /** For the one-shot defects ({@code *_ONCE}): set once the defect fired. */
  final AtomicBoolean fired = new AtomicBoolean();

  private volatile QfDefect defect;
  private volatile RSAKey rotated;
  volatile String lastGenuineIdToken;
  volatile String lastGenuineRedirect;

  HostileState(QfStandIn standIn, Duration stall) {
    this.staller = new Staller(stall);
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

  void resetCounts() {
    discoveryFetches.set(0);
    jwksFetches.set(0);
    tokenCalls.set(0);
    apiCalls.set(0);
    attackerCalls.set(0);
  }
}
