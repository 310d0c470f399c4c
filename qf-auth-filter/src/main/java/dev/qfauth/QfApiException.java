package dev.qfauth;

/**
 * A User API call failed. {@link #remoteStatus()} is the API's HTTP status (0 when unreachable) and
 * {@link #oauthError()} the gateway's {@code type}, e.g. {@code insufficient_scope}.
 */
public final class QfApiException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  private final int remoteStatus;
  private final String requiredScope;
  private final java.time.Duration retryAfter;

  private QfApiException(
      QfErrorCode code,
      String message,
      int remoteStatus,
      String type,
      String hint,
      Throwable cause,
      String requiredScope,
      java.time.Duration retryAfter) {
    super(code, message, type, hint, cause);
    this.remoteStatus = remoteStatus;
    this.requiredScope = requiredScope;
    this.retryAfter = retryAfter;
  }

  /**
   * The API's HTTP status, or 0 when it could not be reached. A call refused before sending because
   * its scope was not granted reports 403, as QF would have answered (nothing was sent).
   */
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
        QfErrorCode.API_UNAUTHORIZED,
        "The session has ended; sign in again.",
        0,
        null,
        null,
        null,
        null,
        null);
  }

  /** A refresh before the call found the grant dead: the session has ended. */
  static QfApiException sessionEnded(QfAuthException refresh) {
    return afterRefresh(
        QfErrorCode.API_UNAUTHORIZED,
        "The session has ended (" + refresh.getMessage() + "); sign in again.",
        401,
        null,
        refresh);
  }

  /**
   * The access token expired at {@code expiredAt} and a refresh failed for a passing reason; the
   * session is kept, so a later call may work.
   */
  static QfApiException refreshFailed(java.time.Instant expiredAt, QfAuthException refresh) {
    return afterRefresh(
        QfErrorCode.TOKEN_REFRESH_FAILED,
        "The access token expired at "
            + expiredAt
            + " and could not be refreshed ("
            + refresh.getMessage()
            + "); the session was kept",
        0,
        refresh.hint(),
        refresh);
  }

  /** The API answered 401 and the one refresh that follows it (guide, Step 4) failed. */
  static QfApiException rejected(QfAuthException refresh) {
    return afterRefresh(
        QfErrorCode.API_UNAUTHORIZED,
        "The API rejected the access token and it could not be refreshed ("
            + refresh.getMessage()
            + ")",
        401,
        null,
        refresh);
  }

  /** A failed {@code refresh} ends the call: its cause, carrying the refresh's OAuth error. */
  private static QfApiException afterRefresh(
      QfErrorCode code, String message, int remoteStatus, String hint, QfAuthException refresh) {
    return new QfApiException(
        code, message, remoteStatus, refresh.oauthError(), hint, refresh, null, null);
  }

  /** The API could not be reached: no status, nothing answered. */
  static QfApiException unreachable(java.io.IOException e) {
    return new QfApiException(
        QfErrorCode.API_ERROR,
        "The Quran.Foundation API could not be reached (" + e.getMessage() + ")",
        0,
        null,
        null,
        e,
        null,
        null);
  }

  /**
   * The API answered {@code remoteStatus} with the gateway's {@code type}; {@code retryAfter} as it
   * asked, or {@code null}.
   */
  static QfApiException answered(
      QfErrorCode code,
      String message,
      int remoteStatus,
      String type,
      java.time.Duration retryAfter) {
    return new QfApiException(code, message, remoteStatus, type, null, null, null, retryAfter);
  }

  /** The API answered 403: {@code hint} says what was granted and what the call needs. */
  static QfApiException forbidden(String message, String type, String hint, String requiredScope) {
    return new QfApiException(
        QfErrorCode.API_FORBIDDEN, message, 403, type, hint, null, requiredScope, null);
  }

  // ---- User API SDK (issue #12): the missing scope and the server's requested wait. ----

  /**
   * The scope the operation needs when the token lacks it ({@link QfErrorCode#API_FORBIDDEN}), e.g.
   * {@code bookmark.read}; {@code null} when unknown.
   */
  public String requiredScope() {
    return requiredScope;
  }

  /**
   * How long QF asked the client to wait ({@code Retry-After}), for {@link
   * QfErrorCode#API_RATE_LIMITED} and 503s; {@code null} when it named none.
   */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  /** The scope was not granted: refused before any request is sent. */
  static QfApiException scopeNotGranted(
      String method, String path, String scope, java.util.Set<String> granted) {
    return new QfApiException(
        QfErrorCode.API_FORBIDDEN,
        "QF API "
            + method
            + " "
            + path
            + " needs the scope '"
            + scope
            + "', which the user did not grant; nothing was sent",
        403,
        "insufficient_scope",
        "The access token was granted ["
            + String.join(" ", new java.util.TreeSet<>(granted))
            + "]; add '"
            + scope
            + "' (or its parent) to QF_SCOPES and have the user sign in again, or hide the"
            + " feature (QfUserContext.hasScope).",
        null,
        scope,
        null);
  }
}
