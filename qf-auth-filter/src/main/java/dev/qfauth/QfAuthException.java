package dev.qfauth;

/**
 * Root of every error qf-auth raises. Unchecked; catch the subtype that matches what you do next.
 * Messages never contain a token, code, verifier, secret or response body.
 *
 * <p>Users catch these; only qf-auth constructs them.
 */
public class QfAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final QfErrorCode code;
  private final int httpStatus;
  private final String oauthError;
  private final String hint;

  QfAuthException(
      QfErrorCode code, String message, String oauthError, String hint, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = code.httpStatus();
    this.oauthError = oauthError;
    this.hint = hint != null ? hint : code.hint();
  }

  QfAuthException(QfErrorCode code, String message) {
    this(code, message, null, null, null);
  }

  /** The stable error code. */
  public QfErrorCode code() {
    return code;
  }

  /** The HTTP status the filter answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The OAuth {@code error} (e.g. {@code invalid_grant}) or the API gateway's {@code type} (e.g.
   * {@code insufficient_scope}) when the remote side sent one; otherwise {@code null}.
   */
  public String oauthError() {
    return oauthError;
  }

  /** What a person can do about it. */
  public String hint() {
    return hint;
  }
}
