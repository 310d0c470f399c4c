package dev.qfauth.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the stand-in should spoil the next call to its token endpoint; queue one with {@link
 * QfStandIn#failNextTokenCall(QfTokenFailure)}. Each queued failure is used by exactly one token
 * call, whatever its grant type.
 *
 * <p>Unless stated otherwise the stand-in answers without processing the request, so the code or
 * refresh token sent is still valid afterwards. Immutable and thread-safe.
 */
public final class QfTokenFailure {
  enum Kind {
    OAUTH_ERROR,
    HTTP_STATUS,
    MALFORMED_JSON,
    DELAY,
    LOST_RESPONSE
  }

  private final Kind kind;
  private final String error;
  private final int status;
  private final Duration delay;

  private QfTokenFailure(Kind kind, String error, int status, Duration delay) {
    this.kind = kind;
    this.error = error;
    this.status = status;
    this.delay = delay;
  }

  /**
   * An OAuth error response {@code {"error": error, "error_description": ...}} with the given
   * status, e.g. {@code oauthError("invalid_grant", 400)} or {@code oauthError("invalid_client",
   * 401)}.
   */
  public static QfTokenFailure oauthError(String error, int status) {
    Objects.requireNonNull(error, "error");
    if (error.isBlank()) {
      throw new IllegalArgumentException("error must not be blank");
    }
    checkStatus(status, 400);
    return new QfTokenFailure(Kind.OAUTH_ERROR, error, status, Duration.ZERO);
  }

  /** A bare HTTP error with an HTML body, as a gateway in front of Hydra sends it, e.g. 503. */
  public static QfTokenFailure httpStatus(int status) {
    checkStatus(status, 400);
    return new QfTokenFailure(Kind.HTTP_STATUS, null, status, Duration.ZERO);
  }

  /** A 200 response whose JSON body is cut off. */
  public static QfTokenFailure malformedJson() {
    return new QfTokenFailure(Kind.MALFORMED_JSON, null, 200, Duration.ZERO);
  }

  /**
   * Waits {@code delay}, then processes the call normally: for client read-timeout tests. Closing
   * the stand-in ends the wait.
   */
  public static QfTokenFailure delay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return new QfTokenFailure(Kind.DELAY, null, 200, delay);
  }

  /**
   * Processes the call (the code is redeemed, the refresh token rotated) and then answers 504, as
   * when a proxy loses the response. A client that retries with the same refresh token trips
   * Hydra's reuse detection and loses the whole token chain.
   */
  public static QfTokenFailure lostResponse() {
    return new QfTokenFailure(Kind.LOST_RESPONSE, null, 504, Duration.ZERO);
  }

  Kind kind() {
    return kind;
  }

  String error() {
    return error;
  }

  int status() {
    return status;
  }

  Duration delayDuration() {
    return delay;
  }

  private static void checkStatus(int status, int min) {
    if (status < min || status > 599) {
      throw new IllegalArgumentException("status must be " + min + "..599, got " + status);
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case OAUTH_ERROR -> "QfTokenFailure[oauthError " + error + " " + status + "]";
      case HTTP_STATUS -> "QfTokenFailure[httpStatus " + status + "]";
      case MALFORMED_JSON -> "QfTokenFailure[malformedJson]";
      case DELAY -> "QfTokenFailure[delay " + delay + "]";
      case LOST_RESPONSE -> "QfTokenFailure[lostResponse]";
    };
  }
}
