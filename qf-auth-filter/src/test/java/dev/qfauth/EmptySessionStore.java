package dev.qfauth;

import java.util.Optional;

/**
 * A {@link SessionStore} that keeps nothing: for tests that need a store other than the default but
 * never a session in it (a store class named by configuration, one without back-channel logout).
 */
interface EmptySessionStore extends SessionStore {
  @Override
  default Optional<QfSession> get(QfEnvironment environment, String handle) {
    return Optional.empty();
  }

  @Override
  default void put(QfEnvironment environment, String handle, QfSession session) {}

  @Override
  default boolean replace(
      QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
    return false;
  }

  @Override
  default Optional<QfSession> remove(QfEnvironment environment, String handle) {
    return Optional.empty();
  }
}
