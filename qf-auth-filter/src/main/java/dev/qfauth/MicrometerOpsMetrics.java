package dev.qfauth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@link OpsMetrics} on Micrometer's global registry. Loaded by name from {@link OpsMetrics#load}
 * only, so the filter runs without Micrometer jars. Meter names: README, "Operations".
 */
final class MicrometerOpsMetrics implements OpsMetrics {
  private final MeterRegistry registry;
  private final String environment;

  /** The binding {@link OpsMetrics#load} makes: on Micrometer's global registry. */
  static OpsMetrics onGlobalRegistry(QfAuthConfig config, SessionStore store) {
    return new MicrometerOpsMetrics(Metrics.globalRegistry, config, store);
  }

  MicrometerOpsMetrics(MeterRegistry registry, QfAuthConfig config, SessionStore store) {
    this.registry = registry;
    this.environment = config.environment().id();
    if (store instanceof CaffeineSessionStore caffeine) {
      Gauge.builder("qfauth.sessions", caffeine, s -> s.size(config.environment()))
          .description("Sessions held by this node's in-memory store")
          .tag("env", environment)
          .register(registry);
    }
  }

  @Override
  public void tokenEndpointCall(String grant, boolean answered, long nanos) {
    Timer.builder("qfauth.token.endpoint")
        .description("Calls to QF's token endpoint, until the answer (or the failure)")
        .tags(
            "env",
            environment,
            "grant",
            grant.startsWith("authorization_code") ? "authorization_code" : grant,
            "outcome",
            answered ? "answered" : "unreachable")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void count(String name, String outcome, String reason) {
    Counter.builder(name)
        .tags("env", environment, "outcome", outcome, "reason", reason)
        .register(registry)
        .increment();
  }
}
