package dev.qfauth;

/**
 * A User API call failed. {@link #remoteStatus()} is the API's HTTP status (0 when unreachable) and
 * {@link #oauthError()} the gateway's {@code type}, e.g. {@code insufficient_scope}.
 */
public final class QfApiException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  private final int remoteStatus;

  QfApiException(
      QfErrorCode code,
      String message,
      int remoteStatus,
      String type,
      String hint,
      Throwable cause) {
    super(code, message, type, hint, cause);
    this.remoteStatus = remoteStatus;
  }

  /** The API's HTTP status, or 0 when it could not be reached. */
  public int remoteStatus() {
    return remoteStatus;
  }

  /** True for a 403 whose body names a missing scope. */
  public boolean insufficientScope() {
    return "insufficient_scope".equals(oauthError());
  }
}
