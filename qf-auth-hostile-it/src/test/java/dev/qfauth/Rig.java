package dev.qfauth;

import java.util.EnumMap;
import java.util.Map;

/**
 * A {@link HostileQf} and one app per container kind, started on first use, for the tests of one
 * class. Each app signs in once when it starts, so it has discovery and the keys (the hostile
 * provider's signing key among them) cached, as a running app would.
 */
final class Rig implements AutoCloseable {
  final HostileQf qf = new HostileQf();
  private final Map<Containers.Kind, HostileApp> apps = new EnumMap<>(Containers.Kind.class);

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

  @Override
  public void close() {
    for (HostileApp app : apps.values()) {
      app.close();
    }
    qf.close();
  }
}
