package dev.qfauth;

/**
 * A sign-in could not start or complete: bad callback, provider error response, state or ID-token
 * failure, unreachable provider. Nothing was stored when this is thrown. Never leaves the filter:
 * the handlers answer it with an error page or JSON, and a host app sees it only as a {@link
 * QfAuthException}.
 */
final class SignInException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  private SignInException(QfErrorCode code, String message, String oauthError) {
    super(code, message, oauthError, null, null);
  }

  /** The callback's state is missing, unknown, used, expired or from another browser. */
  static SignInException stateInvalid(String message) {
    return new SignInException(QfErrorCode.LOGIN_STATE_INVALID, message, null);
  }

  /** The callback request itself is malformed (method, parameters, iss, code). */
  static SignInException callbackInvalid(String message) {
    return new SignInException(QfErrorCode.CALLBACK_INVALID, message, null);
  }

  /**
   * QF redirected back with {@code error} (RFC 6749 4.1.2.1); both values are made printable and
   * cut short, since they come from the browser.
   */
  static SignInException denied(String error, String description) {
    String printable = Redaction.printable(error, 64);
    return new SignInException(
        QfErrorCode.LOGIN_DENIED,
        "Quran.Foundation returned "
            + printable
            + (description == null ? "" : ": " + Redaction.printable(description, 200)),
        printable);
  }

  /** The ID token is missing or failed verification (OIDC Core 3.1.3.7). */
  static SignInException idTokenInvalid(String message) {
    return new SignInException(QfErrorCode.ID_TOKEN_INVALID, message, null);
  }

  /** Discovery or the signing keys cannot be had right now; a later try may work. */
  static SignInException providerUnavailable(String message) {
    return new SignInException(QfErrorCode.PROVIDER_UNAVAILABLE, message, null);
  }
}
