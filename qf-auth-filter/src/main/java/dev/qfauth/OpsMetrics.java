package dev.qfauth;

import java.lang.System.Logger.Level;

/**
 * Operations counters: sign-ins, refreshes, token-endpoint latency, store size. Micrometer is an
 * optional dependency: {@link #load} binds {@link MicrometerOpsMetrics} only when Micrometer is on
 * the class path, by name, so without it no Micrometer class is ever loaded and every call here is
 * a no-op. The signed-in request counts nothing.
 */
interface OpsMetrics {
  /** Counts nothing. */
  OpsMetrics NONE = new OpsMetrics() {};

  /** A sign-in (callback or exchange) completed. */
  default void signInSucceeded() {}

  /** A sign-in failed; {@code reason} is the error code the user saw. */
  default void signInFailed(QfErrorCode reason) {}

  /** A refresh this node led reached QF and stored new tokens. */
  default void refreshSucceeded() {}

  /** A refresh this node led failed. */
  default void refreshFailed(QfErrorCode reason) {}

  /** A request waited for another request's refresh of the same session instead of sending one. */
  default void refreshWaited() {}

  /** One call to the token endpoint: {@code grant} as sent, how long the answer took. */
  default void tokenEndpointCall(String grant, boolean answered, long nanos) {}

  String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

  /**
   * The Micrometer binding on {@code Metrics.globalRegistry} when Micrometer is on the class path
   * (Spring Boot adds its registry there by default), else {@link #NONE}.
   */
  static OpsMetrics load(QfAuthConfig config, SessionStore store) {
    ClassLoader loader = OpsMetrics.class.getClassLoader();
    try {
      Class.forName(MICROMETER, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return NONE;
    }
    try {
      return (OpsMetrics)
          Class.forName("dev.qfauth.MicrometerOpsMetrics", true, loader)
              .getDeclaredConstructor(QfAuthConfig.class, SessionStore.class)
              .newInstance(config, store);
    } catch (ReflectiveOperationException | LinkageError e) {
      System.getLogger(OpsMetrics.class.getName())
          .log(Level.WARNING, "Micrometer is present but could not be bound: {0}", e.toString());
      return NONE;
    }
  }
}
