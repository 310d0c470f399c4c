package dev.qfauth;

import java.util.function.Function;

/**
 * Makes a {@link SessionStore} chosen by name in {@code QF_SESSION_STORE} (for example {@code
 * redis}), so a cluster needs settings only and no host code. Implementations are found with {@link
 * java.util.ServiceLoader}: a jar lists its factory in {@code
 * META-INF/services/dev.qfauth.SessionStoreFactory}.
 */
public interface SessionStoreFactory {

  /** The value of {@code QF_SESSION_STORE} that selects this store, e.g. {@code redis}. */
  String name();

  /**
   * Makes the store at start-up.
   *
   * @param settings the same named settings the filter reads (init-params, system properties,
   *     environment); returns {@code null} for a setting that is not set
   * @param config the filter's configuration, complete except for the store (environment, client
   *     id, session idle timeout, clock)
   * @throws IllegalArgumentException when a setting is missing or invalid; the message names the
   *     setting and start-up fails with it
   */
  SessionStore create(Function<String, String> settings, QfAuthConfig config);
}
