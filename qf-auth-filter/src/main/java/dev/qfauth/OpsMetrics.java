package dev.qfauth;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Operations counters: sign-ins, refreshes, token-endpoint latency, store size. Micrometer is an
 * optional dependency: {@link #load} binds {@link MicrometerOpsMetrics} only when Micrometer is on
 * the class path, by name, so without it no Micrometer class is ever loaded and every call here is
 * a no-op. The signed-in request counts nothing.
 *
 * <p>Each event names its counter and outcome here, once (meter names: README, "Operations"); a
 * binding implements {@link #count} and {@link #tokenEndpointCall}.
 */
interface OpsMetrics {
  /** Counts nothing. */
  OpsMetrics NONE = new OpsMetrics() {};

  String SIGN_INS = "qfauth.signins";
  String REFRESHES = "qfauth.refreshes";

  /** A sign-in (callback or exchange) completed. */
  default void signInSucceeded() {
    count(SIGN_INS, "ok", "none");
  }

  /** A sign-in failed; {@code reason} is the error code the user saw. */
  default void signInFailed(QfErrorCode reason) {
    count(SIGN_INS, "failed", reason(reason));
  }

  /** A refresh this node led reached QF and stored new tokens. */
  default void refreshSucceeded() {
    count(REFRESHES, "ok", "none");
  }

  /** A refresh this node led failed. */
  default void refreshFailed(QfErrorCode reason) {
    count(REFRESHES, "failed", reason(reason));
  }

  /** A request waited for another request's refresh of the same session instead of sending one. */
  default void refreshWaited() {
    count(REFRESHES, "waited", "none");
  }

  /** One event on counter {@code name}, tagged with its {@code outcome} and {@code reason}. */
  default void count(String name, String outcome, String reason) {}

  /** One call to the token endpoint: {@code grant} as sent, how long the answer took. */
  default void tokenEndpointCall(String grant, boolean answered, long nanos) {}

  String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

  /** A failure's reason tag: its error code in lower case. */
  private static String reason(QfErrorCode code) {
    return code == null ? "unknown" : code.name().toLowerCase(Locale.ROOT);
  }

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
              .getDeclaredMethod("onGlobalRegistry", QfAuthConfig.class, SessionStore.class)
              .invoke(null, config, store);
    } catch (ReflectiveOperationException | LinkageError e) {
      System.getLogger(OpsMetrics.class.getName())
          .log(Level.WARNING, "Micrometer is present but could not be bound: {0}", e.toString());
      return NONE;
    }
  }
}
