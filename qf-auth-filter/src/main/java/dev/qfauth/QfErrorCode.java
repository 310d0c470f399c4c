package dev.qfauth;

/**
 * What went wrong, as a stable code a program can switch on. Each code carries the HTTP status the
 * filter answers with and a hint a person can act on.
 */
public enum QfErrorCode {
  /** The filter's configuration is missing or invalid; it refuses to start. */
  CONFIGURATION(500, "Fix the named setting and restart the application."),
  /** The shared session store (e.g. Redis) did not answer in time or refused the call. */
  SESSION_STORE_UNAVAILABLE(
      503, "The session store is unreachable right now; try again in a moment."),
  /** The authorization server could not be reached or answered nonsense. */
  PROVIDER_UNAVAILABLE(
      503, "Quran.Foundation's sign-in service is unreachable right now; try again in a moment."),
  /**
   * The callback's {@code state} is missing, unknown, expired, already used or from another
   * browser.
   */
  LOGIN_STATE_INVALID(
      400,
      "This sign-in link is expired, was already used, or was started in another browser. Start the"
          + " sign-in again."),
  /** The authorization server redirected back with {@code error=...}. */
  LOGIN_DENIED(400, "Sign-in did not complete at Quran.Foundation. Start the sign-in again."),
  /**
   * The callback request itself is malformed (missing code, duplicated or oversized parameters).
   */
  CALLBACK_INVALID(400, "The sign-in response was malformed. Start the sign-in again."),
  /** The ID token failed verification (OIDC Core 1.0 section 3.1.3.7). */
  ID_TOKEN_INVALID(
      502,
      "The identity token from Quran.Foundation failed verification. Check QF_ENV and the server"
          + " clock (NTP), then sign in again."),
  /** {@code Failed to exchange authorization code for tokens}. */
  TOKEN_EXCHANGE_FAILED(502, "Sign in again; if it keeps failing, check the client settings."),
  /** {@code Failed to refresh access token}. */
  TOKEN_REFRESH_FAILED(502, "Sign in again if this keeps happening."),
  /** No signed-in session, or the session ended (refresh token rejected). */
  LOGIN_REQUIRED(401, "Sign in with Quran.Foundation to continue."),
  /** A request to the filter's own endpoints was malformed or not allowed. */
  BAD_REQUEST(400, "Check the request against the qf-auth documentation."),
  /** The request came from another site (cross-site request forgery guard). */
  FORBIDDEN_ORIGIN(403, "This action must come from the application's own pages."),
  /** One client address sent more exchange-endpoint requests than QF_EXCHANGE_RATE_PER_MINUTE. */
  RATE_LIMITED(
      429,
      "Wait the number of seconds in the Retry-After header, then try again; the limit per client"
          + " address is QF_EXCHANGE_RATE_PER_MINUTE."),
  /** A User API answered 401 even after one refresh. */
  API_UNAUTHORIZED(
      401, "Send x-auth-token and x-client-id, refresh the token once, then sign in again."),
  /** A User API answered 403: the token lacks a scope, or the environment or origin is wrong. */
  API_FORBIDDEN(
      403,
      "The access token was not granted the scope this API needs. Request the scope (QF_SCOPES) and"
          + " have the user sign in again, or hide the feature."),
  /** A User API answered 404: the collection, bookmark, goal or note does not exist (any more). */
  API_NOT_FOUND(404, "The item does not exist or was deleted; reload the list."),
  /**
   * A User API refused the request's content (400 or 422), or the SDK refused it before sending:
   * the message says which field.
   */
  API_INVALID_REQUEST(400, "Fix the named field and send the request again."),
  /** A User API answered 429 and the wait it asked for is longer than the client waits. */
  API_RATE_LIMITED(429, "Wait the number of seconds in retryAfter() before calling the API again."),
  /** A User API answered with another error, or could not be reached. */
  API_ERROR(502, "The Quran.Foundation API call failed; try again later.");

  private final int httpStatus;
  private final String hint;

  QfErrorCode(int httpStatus, String hint) {
    this.httpStatus = httpStatus;
    this.hint = hint;
  }

  /** The HTTP status the filter answers with for this error. */
  public int httpStatus() {
    return httpStatus;
  }

  /** A short, actionable hint for a person; never contains request data. */
  public String hint() {
    return hint;
  }
}
