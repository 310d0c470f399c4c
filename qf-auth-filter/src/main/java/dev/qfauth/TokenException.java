package dev.qfauth;

/**
 * The token endpoint refused or failed a code exchange or a refresh. {@link #oauthError()} carries
 * Hydra's {@code error}; {@link #hint()} says what to check (the guide's troubleshooting table).
 * Never leaves the filter: a page request keeps or ends its session by it, and the API client turns
 * it into a {@link QfApiException}.
 */
final class TokenException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  private final int remoteStatus;
  private final boolean sessionEnded;

  private TokenException(
      QfErrorCode code,
      String message,
      int remoteStatus,
      String oauthError,
      String hint,
      Throwable cause,
      boolean sessionEnded) {
    super(code, message, oauthError, hint, cause);
    this.remoteStatus = remoteStatus;
    this.sessionEnded = sessionEnded;
  }

  /** The token endpoint's HTTP status, or 0 when it was not reached. */
  int remoteStatus() {
    return remoteStatus;
  }

  /**
   * True when the session was ended because of this failure: the grant is dead ({@code
   * invalid_grant}), or the provider answered with tokens that failed verification (the old refresh
   * token is spent either way). The user must sign in again.
   */
  boolean sessionEnded() {
    return sessionEnded;
  }

  /** True when the failure was transport or a 5xx: the session is kept and a later try may work. */
  boolean transientFailure() {
    return remoteStatus == 0 || remoteStatus >= 500;
  }

  /**
   * No answer from the token endpoint: not sent (bulkhead full, back-off), unreachable, or a wait
   * for another request's refresh that failed. The session is kept.
   */
  static TokenException unanswered(QfErrorCode code, String message, String hint, Throwable cause) {
    return new TokenException(code, message, 0, null, hint, cause, false);
  }

  /**
   * The thread was interrupted while a refresh waited (for a lease or for another request's
   * refresh): the interrupt flag is set again for the caller to see, and the session is kept.
   */
  static TokenException refreshInterrupted(InterruptedException cause) {
    Thread.currentThread().interrupt();
    return unanswered(
        QfErrorCode.TOKEN_REFRESH_FAILED,
        TokenEndpoint.REFRESH_FAILED + ": interrupted",
        null,
        cause);
  }

  /**
   * The token endpoint answered {@code status} with an error (RFC 6749 5.2). {@code invalid_grant}
   * ends the session: the code or refresh token is dead.
   */
  static TokenException refused(
      QfErrorCode code, String message, int status, String oauthError, String hint) {
    return new TokenException(
        code, message, status, oauthError, hint, null, "invalid_grant".equals(oauthError));
  }

  /**
   * The token endpoint answered {@code status}, but its answer cannot be used, and the refresh
   * token sent is spent all the same (Hydra rotated it): the session ends (RFC 9700 4.14.2).
   */
  static TokenException spent(QfErrorCode code, String message, int status, String hint) {
    return new TokenException(code, message, status, null, hint, null, true);
  }
}
