package dev.qfauth.testkit;

import dev.qfauth.testkit.HostileState.Counted;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a {@link QfStandIn} into a hostile provider that misbehaves on command, one {@link
 * QfDefect} at a time, with everything else valid: a tampered authorization response, a forged or
 * malformed ID token, spoilt keys, a broken, huge, slow or endless token endpoint, a lying
 * discovery document, a failing User API. Point the application under test at the stand-in as
 * usual, inject a defect, sign in through the application, and check that it refused (or, where the
 * standard allows it, coped) without storing a session, calling on, or logging a secret.
 *
 * <pre>{@code
 * try (QfStandIn qf = QfStandIn.start();
 *     QfHostileProvider hostile = QfHostileProvider.on(qf)) {
 *   qf.confidentialClient("my-app", "s3cret", "http://localhost:8080/callback").seedDemoData();
 *   hostile.inject(QfDefect.ID_TOKEN_NONCE_WRONG);
 *   qf.autoLogin("alice");
 *   // ... sign in through the application: it must answer with an error and no session
 *   assertEquals(1, hostile.tokenCalls());
 *   // ... and its log must contain none of hostile.secretsSeen()
 * }
 * }</pre>
 *
 * <p>The "attacker" lives on the same server under the other loopback name ({@code 127.0.0.1} when
 * the stand-in is {@code localhost}, and the reverse) below {@code /attacker}: a relying party that
 * fetches a key from a token header, follows a redirect off the provider's origin, or sends a
 * request to an endpoint on another host shows up in {@link #attackerCalls()}.
 *
 * <p>Slow defects hold a connection for at most the {@linkplain #stallFor stall time} (default 30
 * s), or until {@link #releaseStalls()}, {@link #clear()} or {@link #close()}.
 *
 * <p>Thread-safe. While installed, the JWKS also publishes the hostile provider's own signing key;
 * the stand-in's own tokens keep verifying.
 */
public final class QfHostileProvider implements AutoCloseable {
  private static final Duration DEFAULT_STALL = Duration.ofSeconds(30);

  private final QfStandIn standIn;
  private final HostileState state;
  private final AtomicBoolean closed = new AtomicBoolean();

  private QfHostileProvider(QfStandIn standIn) {
    this.standIn = standIn;
    this.state = new HostileState(standIn, DEFAULT_STALL);
    standIn.interceptor(new HostileInterceptor(state));
  }

  /**
   * Installs a hostile provider in front of {@code standIn}, honest until a defect is injected. One
   * per stand-in at a time; {@link #close()} uninstalls it.
   */
  public static QfHostileProvider on(QfStandIn standIn) {
    return new QfHostileProvider(Objects.requireNonNull(standIn, "standIn"));
  }

  /** The stand-in this provider spoils, for registering clients and users and other controls. */
  public QfStandIn standIn() {
    return standIn;
  }

  /**
   * Misbehaves with {@code defect} from now on, replacing any defect injected before, until {@link
   * #clear()}. One-shot defects ({@code *_ONCE}) fire again after each injection; {@link
   * QfDefect#KEYS_ROTATED} rotates to a brand-new key on each injection.
   */
  public QfHostileProvider inject(QfDefect defect) {
    state.inject(Objects.requireNonNull(defect, "defect"));
    return this;
  }

  /** Behaves honestly again and lets stalled connections go. */
  public QfHostileProvider clear() {
    state.clear();
    return this;
  }

  /** The defect in force, if any. */
  public Optional<QfDefect> defect() {
    return Optional.ofNullable(state.defect());
  }

  /**
   * How long slow, stalled and never-ending answers hold a connection; default 30 s. Set it well
   * above the timeouts of the client under test, so the client gives up first.
   */
  public QfHostileProvider stallFor(Duration stall) {
    Objects.requireNonNull(stall, "stall");
    if (stall.isNegative() || stall.isZero()) {
      throw new IllegalArgumentException("stall must be positive: " + stall);
    }
    state.staller.limit(stall);
    return this;
  }

  /** Lets every currently stalled connection go (a stalled token call then answers 504). */
  public void releaseStalls() {
    state.staller.release();
  }

  /** Connections being held right now by a slow or stalled defect. */
  public int stalledConnections() {
    return state.staller.holding();
  }

  /** Fetches of the discovery document since installation or {@link #resetCounts()}. */
  public int discoveryFetches() {
    return state.counted(Counted.DISCOVERY_FETCHES);
  }

  /** Fetches of the JWKS. */
  public int jwksFetches() {
    return state.counted(Counted.JWKS_FETCHES);
  }

  /** Token endpoint calls, whatever the grant and whatever the answer (unlike the stand-in's). */
  public int tokenCalls() {
    return state.counted(Counted.TOKEN_CALLS);
  }

  /** User API calls, whatever the answer. */
  public int apiCalls() {
    return state.counted(Counted.API_CALLS);
  }

  /**
   * Requests that reached the attacker: a key URL taken from a token header, a redirect followed
   * off the provider's origin, an endpoint on another host. A careful client makes none.
   */
  public int attackerCalls() {
    return state.counted(Counted.ATTACKER_CALLS);
  }

  /** Sets every counter to zero. */
  public void resetCounts() {
    state.resetCounts();
  }

  /**
   * Every secret that crossed the provider since installation, both ways: client secrets (as sent
   * and decoded), authorization codes, code verifiers, and access, refresh and ID tokens, genuine
   * and forged. None of them may appear in the application's logs.
   */
  public Set<String> secretsSeen() {
    return state.ledger.snapshot();
  }

  /**
   * The last authorization response as the stand-in issued it, before any {@link
   * QfDefect.Family#CALLBACK} tampering: replay it to check that the sign-in it belongs to was, or
   * was not, used up by the tampered one.
   */
  public Optional<URI> lastGenuineRedirect() {
    String redirect = state.lastGenuineRedirect;
    return redirect == null ? Optional.empty() : Optional.of(URI.create(redirect));
  }

  /**
   * Uninstalls the hostile provider (the stand-in is honest again) and releases stalls. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      standIn.interceptor(null);
      state.clear();
    }
  }

  @Override
  public String toString() {
    return "QfHostileProvider[" + standIn + ", defect=" + state.defect() + "]";
  }
}
