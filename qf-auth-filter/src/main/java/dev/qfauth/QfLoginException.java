package dev.qfauth;

/**
 * A sign-in could not start or complete: bad callback, provider error response, state or ID-token
 * failure, unreachable provider. Nothing was stored when this is thrown.
 */
public final class QfLoginException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  QfLoginException(QfErrorCode code, String message, String oauthError, Throwable cause) {
    super(code, message, oauthError, null, cause);
  }

  QfLoginException(QfErrorCode code, String message) {
    this(code, message, null, null);
  }
}
