package dev.qfauth;

/**
 * A shared {@link SessionStore} (such as Redis) did not answer within its deadline or refused the
 * call. Nothing was changed that the caller can rely on; the request may be retried. Its code is
 * {@link QfErrorCode#SESSION_STORE_UNAVAILABLE} (503): the filter answers it with an error page or
 * JSON and {@code Retry-After}, leaves the cookies as they were, and serves public pages as to a
 * signed-out visitor meanwhile. The message names the store and the failure, never a handle or
 * token.
 */
public final class SessionStoreUnavailableException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  /** For {@link SessionStore} implementations outside this package. */
  public SessionStoreUnavailableException(String message, Throwable cause) {
    super(QfErrorCode.SESSION_STORE_UNAVAILABLE, message, null, null, cause);
  }
}
