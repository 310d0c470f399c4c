package dev.qfauth;

import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testsupport.Browser;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hostile provider and one app per container kind for the tests of one class, as a JUnit 5
 * extension:
 *
 * <pre>{@code
 * @RegisterExtension static final Rig rig = new Rig();
 * }</pre>
 *
 * The stand-in runs on the testkit's {@link QfStandInExtension} (seeded with the demo users) from
 * before the first test to after the last, with a {@link HostileQf} in front; every test starts
 * with the provider honest and its counters at zero. Apps start on first use and sign in once when
 * they do, so they have discovery and the keys (the hostile provider's signing key among them)
 * cached, as a running app would.
 */
final class Rig implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final QfStandInExtension standIn = new QfStandInExtension(QfStandIn::seedDemoData);
  private final Map<Containers.Kind, HostileApp> apps = new EnumMap<>(Containers.Kind.class);
  private HostileQf qf;

  @Override
  public void beforeAll(ExtensionContext context) {
    standIn.beforeAll(context);
    qf = new HostileQf(standIn.standIn());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    qf.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      for (HostileApp app : apps.values()) {
        app.close();
      }
      apps.clear();
      qf.close();
    } finally {
      standIn.afterAll(context);
    }
  }

  HostileQf qf() {
    return qf;
  }

  /** The class's app on {@code kind}, started and warmed up on first use; the provider reset. */
  HostileApp app(Containers.Kind kind) throws Exception {
    HostileApp app = apps.get(kind);
    if (app == null) {
      app = new HostileApp(qf, kind);
      apps.put(kind, app);
      warmUp(app);
    }
    qf.reset();
    return app;
  }

  /**
   * The first sign-in of a fresh JVM (class loading, the filter's HTTP client, JIT) can miss the 1
   * s deadline; the filter then waits 2 s before it asks QF again, which the clock skips.
   */
  static void warmUp(HostileApp app) {
    app.discovered().signIn(new Browser(), "alice");
  }
}
