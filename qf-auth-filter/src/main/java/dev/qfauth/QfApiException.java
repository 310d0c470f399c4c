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

  // Named factories: each says what happened, so no throw site passes positional nulls.

  /** The session was already over when the call was made. */
  static QfApiException sessionEnded() {
    return new QfApiException(
        QfErrorCode.API_UNAUTHORIZED, "The session has ended; sign in again.", 0, null, null, null);
  }

  /** A refresh before the call found the grant dead: the session has ended. */
  static QfApiException sessionEnded(QfAuthException refresh) {
    return new QfApiException(
        QfErrorCode.API_UNAUTHORIZED,
        "The session has ended (" + refresh.getMessage() + "); sign in again.",
        401,
        refresh.oauthError(),
        null,
        refresh);
  }

  /**
   * The access token expired at {@code expiredAt} and a refresh failed for a passing reason; the
   * session is kept, so a later call may work.
   */
  static QfApiException refreshFailed(java.time.Instant expiredAt, QfAuthException refresh) {
    return new QfApiException(
        QfErrorCode.TOKEN_REFRESH_FAILED,
        "The access token expired at "
            + expiredAt
            + " and could not be refreshed ("
            + refresh.getMessage()
            + "); the session was kept",
        0,
        refresh.oauthError(),
        refresh.hint(),
        refresh);
  }

  /** The API answered 401 and the one refresh that follows it (guide, Step 4) failed. */
  static QfApiException rejected(QfAuthException refresh) {
    return new QfApiException(
        QfErrorCode.API_UNAUTHORIZED,
        "The API rejected the access token and it could not be refreshed ("
            + refresh.getMessage()
            + ")",
        401,
        refresh.oauthError(),
        null,
        refresh);
  }
}
