package dev.qfauth;

/**
 * The token endpoint refused or failed a code exchange or a refresh. {@link #oauthError()} carries
 * Hydra's {@code error}; {@link #hint()} says what to check (the guide's troubleshooting table).
 */
public final class QfTokenException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  private final int remoteStatus;
  private final boolean sessionEnded;

  QfTokenException(
      QfErrorCode code,
      String message,
      int remoteStatus,
      String oauthError,
      String hint,
      Throwable cause) {
    this(code, message, remoteStatus, oauthError, hint, cause, "invalid_grant".equals(oauthError));
  }

  QfTokenException(
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
  public int remoteStatus() {
    return remoteStatus;
  }

  /**
   * True when the session was ended because of this failure: the grant is dead ({@code
   * invalid_grant}), or the provider answered with tokens that failed verification (the old refresh
   * token is spent either way). The user must sign in again.
   */
  public boolean sessionEnded() {
    return sessionEnded;
  }

  /** True when the failure was transport or a 5xx: the session is kept and a later try may work. */
  public boolean transientFailure() {
    return remoteStatus == 0 || remoteStatus >= 500;
  }
}
