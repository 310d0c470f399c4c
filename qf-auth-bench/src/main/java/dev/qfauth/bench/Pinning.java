package dev.qfauth.bench;

import java.util.List;

/**
 * By default the measured servers run on CPU 0 and wrk on CPU 1 (taskset), so the load generator
 * never takes the server's core and the server's CPU cost per request decides its throughput, which
 * is what a filter's overhead changes. {@code -Dbench.pin=false}: both share the two cores as the
 * operating system schedules them (more noise, and cross-core wake-ups cost the server more CPU).
 */
final class Pinning {
  private static final boolean PIN = Boolean.parseBoolean(System.getProperty("bench.pin", "true"));

  private Pinning() {}

  static List<String> server() {
    return PIN ? List.of("taskset", "-c", "0") : List.of();
  }

  static List<String> loadGenerator() {
    return PIN ? List.of("taskset", "-c", "1") : List.of();
  }

  static boolean enabled() {
    return PIN;
  }
}
