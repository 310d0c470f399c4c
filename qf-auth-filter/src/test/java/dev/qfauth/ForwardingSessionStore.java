package dev.qfauth;

import java.util.Optional;

/**
 * A test store that hands every session call to {@code delegate}: a test's store overrides only the
 * call it stages (a failing replace, a hook, a lease) and says nothing of the rest.
 */
abstract class ForwardingSessionStore implements SessionStore {
  final SessionStore delegate;

  ForwardingSessionStore(SessionStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<QfSession> get(QfEnvironment environment, String handle) {
    return delegate.get(environment, handle);
  }

  @Override
  public void put(QfEnvironment environment, String handle, QfSession session) {
    delegate.put(environment, handle, session);
  }

  @Override
  public boolean replace(
      QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
    return delegate.replace(environment, handle, expected, replacement);
  }

  @Override
  public Optional<QfSession> remove(QfEnvironment environment, String handle) {
    return delegate.remove(environment, handle);
  }
}
