package dev.qfauth.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OAuth 2.0 error as Ory Hydra (fosite) reports it: a fixed description per error code plus an
 * optional hint. Hydra's current JSON joins them into {@code error_description}; its legacy format
 * sends {@code error_hint} and {@code status_code} separately (ory/hydra PR #2827).
 */
record OAuthError(String error, String description, int status, String hint) {

  /** Fosite's fixed description and HTTP status of an error code (RFC 6749 5.2, 4.1.2.1). */
  private record Code(String error, String description, int status) {
    OAuthError with(String hint) {
      return new OAuthError(error, description, status, hint);
    }
  }

  private static final Code INVALID_REQUEST =
      new Code(
          "invalid_request",
          "The request is missing a required parameter, includes an invalid parameter value,"
              + " includes a parameter more than once, or is otherwise malformed.",
          400);
  private static final Code INVALID_CLIENT =
      new Code(
          "invalid_client",
          "Client authentication failed (e.g., unknown client, no client authentication"
              + " included, or unsupported authentication method).",
          401);
  private static final Code INVALID_GRANT =
      new Code(
          "invalid_grant",
          "The provided authorization grant (e.g., authorization code, resource owner"
              + " credentials) or refresh token is invalid, expired, revoked, does not match the"
              + " redirection URI used in the authorization request, or was issued to another"
              + " client.",
          400);
  private static final Code UNAUTHORIZED_CLIENT =
      new Code(
          "unauthorized_client",
          "The client is not authorized to request a token using this method.",
          400);
  private static final Code UNSUPPORTED_GRANT_TYPE =
      new Code(
          "unsupported_grant_type",
          "The authorization grant type is not supported by the authorization server.",
          400);
  private static final Code INVALID_SCOPE =
      new Code("invalid_scope", "The requested scope is invalid, unknown, or malformed.", 400);
  private static final Code INVALID_STATE =
      new Code(
          "invalid_state",
          "The state is missing or does not have enough characters and is therefore considered"
              + " too weak.",
          400);
  private static final Code INSUFFICIENT_ENTROPY =
      new Code(
          "insufficient_entropy",
          "The request used a security parameter (e.g., anti-replay, anti-csrf) with"
              + " insufficient entropy.",
          400);
  private static final Code ACCESS_DENIED =
      new Code(
          "access_denied", "The resource owner or authorization server denied the request.", 403);
  private static final Code LOGIN_REQUIRED =
      new Code("login_required", "The Authorization Server requires End-User authentication.", 400);
  private static final Code UNSUPPORTED_RESPONSE_TYPE =
      new Code(
          "unsupported_response_type",
          "The authorization server does not support obtaining a token using this method.",
          400);
  private static final Code UNSUPPORTED_RESPONSE_MODE =
      new Code(
          "unsupported_response_mode",
          "The authorization server does not support the requested response mode.",
          400);
  private static final Code INVALID_TOKEN =
      new Code(
          "invalid_token",
          "The access token provided is expired, revoked, malformed, or invalid for other reasons.",
          401);
  private static final Code INSUFFICIENT_SCOPE =
      new Code(
          "insufficient_scope",
          "The request requires higher privileges than provided by the access token.",
          403);
  private static final Code SERVER_ERROR =
      new Code(
          "server_error",
          "The authorization server encountered an unexpected condition that prevented it from"
              + " fulfilling the request.",
          500);

  static OAuthError invalidRequest(String hint) {
    return INVALID_REQUEST.with(hint);
  }

  static OAuthError invalidClient(String hint) {
    return INVALID_CLIENT.with(hint);
  }

  static OAuthError invalidGrant(String hint) {
    return INVALID_GRANT.with(hint);
  }

  static OAuthError unauthorizedClient(String hint) {
    return UNAUTHORIZED_CLIENT.with(hint);
  }

  static OAuthError unsupportedGrantType(String hint) {
    return UNSUPPORTED_GRANT_TYPE.with(hint);
  }

  static OAuthError invalidScope(String hint) {
    return INVALID_SCOPE.with(hint);
  }

  static OAuthError invalidState(String hint) {
    return INVALID_STATE.with(hint);
  }

  static OAuthError insufficientEntropy(String hint) {
    return INSUFFICIENT_ENTROPY.with(hint);
  }

  static OAuthError accessDenied(String hint) {
    return ACCESS_DENIED.with(hint);
  }

  static OAuthError loginRequired(String hint) {
    return LOGIN_REQUIRED.with(hint);
  }

  static OAuthError unsupportedResponseType(String hint) {
    return UNSUPPORTED_RESPONSE_TYPE.with(hint);
  }

  static OAuthError unsupportedResponseMode(String hint) {
    return UNSUPPORTED_RESPONSE_MODE.with(hint);
  }

  static OAuthError invalidToken(String hint) {
    return INVALID_TOKEN.with(hint);
  }

  static OAuthError insufficientScope(String hint) {
    return INSUFFICIENT_SCOPE.with(hint);
  }

  static OAuthError serverError(String hint) {
    return SERVER_ERROR.with(hint);
  }

  String fullDescription() {
    return hint == null ? description : description + " " + hint;
  }

  Map<String, Object> toJson(boolean legacy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", error);
    if (legacy) {
      json.put("error_description", description);
      if (hint != null) {
        json.put("error_hint", hint);
      }
      json.put("status_code", status);
    } else {
      json.put("error_description", fullDescription());
    }
    return json;
  }
}
