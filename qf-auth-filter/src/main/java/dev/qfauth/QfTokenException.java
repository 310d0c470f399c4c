package dev.qfauth;

/**
 * The token endpoint refused or failed a code exchange or a refresh. {@link #oauthError()} carries
 * Hydra's {@code error}; {@link #hint()} says what to check (the guide's troubleshooting table).
 */
public final class QfTokenException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  private final int remoteStatus;

  QfTokenException(
      QfErrorCode code, String message, int remoteStatus, String oauthError, String hint, Throwable cause) {
    super(code, message, oauthError, hint, cause);
    this.remoteStatus = remoteStatus;
  }

  /** The token endpoint's HTTP status, or 0 when it was not reached. */
  public int remoteStatus() {
    return remoteStatus;
  }

  /** True when the grant is dead ({@code invalid_grant}): the user must sign in again. */
  public boolean grantRejected() {
    return "invalid_grant".equals(oauthError());
  }

  /** True when the failure was transport or a 5xx: the session is kept and a later try may work. */
  public boolean transientFailure() {
    return remoteStatus == 0 || remoteStatus >= 500;
  }
}
