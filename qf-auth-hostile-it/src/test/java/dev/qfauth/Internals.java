package dev.qfauth;

import java.lang.reflect.Field;
import java.util.concurrent.Semaphore;

/**
 * Two numbers the filter keeps to itself, read for measurements only: sign-ins in progress, and
 * calls holding a place in the token-endpoint bulkhead (each one a container thread waiting on QF).
 * Reflection, because neither is worth an API.
 */
final class Internals {
  private Internals() {}

  static long pendingLogins(QfAuthFilter filter) {
    return parts(filter).signIns().pending();
  }

  /** Calls waiting on the token endpoint right now. */
  static int tokenCallsInFlight(QfAuthFilter filter) {
    FilterParts parts = parts(filter);
    Semaphore bulkhead =
        (Semaphore)
            read(read(parts.signIns(), SignIns.class, "tokens"), TokenEndpoint.class, "inFlight");
    return parts.config().maxConcurrentTokenCalls() - bulkhead.availablePermits();
  }

  private static FilterParts parts(QfAuthFilter filter) {
    return (FilterParts) read(filter, QfAuthFilter.class, "parts");
  }

  private static Object read(Object target, Class<?> type, String field) {
    try {
      Field f = type.getDeclaredField(field);
      f.setAccessible(true);
      return f.get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "the filter's internals changed: " + type.getSimpleName() + "." + field, e);
    }
  }
}
