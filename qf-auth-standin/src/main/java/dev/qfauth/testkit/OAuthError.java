package dev.qfauth.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OAuth 2.0 error as Ory Hydra (fosite) reports it: a fixed description per error code plus an
 * optional hint. Hydra's current JSON joins them into {@code error_description}; its legacy format
 * sends {@code error_hint} and {@code status_code} separately (ory/hydra PR #2827).
 */
record OAuthError(String error, String description, int status, String hint) {

  /** Fosite's fixed description and HTTP status for each error code (RFC 6749 5.2, 4.1.2.1). */
  private enum Code {
    INVALID_REQUEST(
        "invalid_request",
        "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.",
        400),
    INVALID_CLIENT(
        "invalid_client",
        "Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).",
        401),
    INVALID_GRANT(
        "invalid_grant",
        "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
        400),
    UNAUTHORIZED_CLIENT(
        "unauthorized_client",
        "The client is not authorized to request a token using this method.",
        400),
    UNSUPPORTED_GRANT_TYPE(
        "unsupported_grant_type",
        "The authorization grant type is not supported by the authorization server.",
        400),
    INVALID_SCOPE("invalid_scope", "The requested scope is invalid, unknown, or malformed.", 400),
    INVALID_STATE(
        "invalid_state",
        "The state is missing or does not have enough characters and is therefore considered too weak.",
        400),
    INSUFFICIENT_ENTROPY(
        "insufficient_entropy",
        "The request used a security parameter (e.g., anti-replay, anti-csrf) with insufficient entropy.",
        400),
    ACCESS_DENIED(
        "access_denied", "The resource owner or authorization server denied the request.", 403),
    LOGIN_REQUIRED(
        "login_required", "The Authorization Server requires End-User authentication.", 400),
    UNSUPPORTED_RESPONSE_TYPE(
        "unsupported_response_type",
        "The authorization server does not support obtaining a token using this method.",
        400),
    UNSUPPORTED_RESPONSE_MODE(
        "unsupported_response_mode",
        "The authorization server does not support the requested response mode.",
        400),
    INVALID_TOKEN(
        "invalid_token",
        "The access token provided is expired, revoked, malformed, or invalid for other reasons.",
        401),
    INSUFFICIENT_SCOPE(
        "insufficient_scope",
        "The request requires higher privileges than provided by the access token.",
        403),
    SERVER_ERROR(
        "server_error",
        "The authorization server encountered an unexpected condition that prevented it from fulfilling the request.",
        500);

    private final String error;
    private final String description;
    private final int status;

    Code(String error, String description, int status) {
      this.error = error;
      this.description = description;
      this.status = status;
    }

    OAuthError with(String hint) {
      return new OAuthError(error, description, status, hint);
    }
  }

  static OAuthError invalidRequest(String hint) {
    return Code.INVALID_REQUEST.with(hint);
  }

  static OAuthError invalidClient(String hint) {
    return Code.INVALID_CLIENT.with(hint);
  }

  static OAuthError invalidGrant(String hint) {
    return Code.INVALID_GRANT.with(hint);
  }

  static OAuthError unauthorizedClient(String hint) {
    return Code.UNAUTHORIZED_CLIENT.with(hint);
  }

  static OAuthError unsupportedGrantType(String hint) {
    return Code.UNSUPPORTED_GRANT_TYPE.with(hint);
  }

  static OAuthError invalidScope(String hint) {
    return Code.INVALID_SCOPE.with(hint);
  }

  static OAuthError invalidState(String hint) {
    return Code.INVALID_STATE.with(hint);
  }

  static OAuthError insufficientEntropy(String hint) {
    return Code.INSUFFICIENT_ENTROPY.with(hint);
  }

  static OAuthError accessDenied(String hint) {
    return Code.ACCESS_DENIED.with(hint);
  }

  static OAuthError loginRequired(String hint) {
    return Code.LOGIN_REQUIRED.with(hint);
  }

  static OAuthError unsupportedResponseType(String hint) {
    return Code.UNSUPPORTED_RESPONSE_TYPE.with(hint);
  }

  static OAuthError unsupportedResponseMode(String hint) {
    return Code.UNSUPPORTED_RESPONSE_MODE.with(hint);
  }

  static OAuthError invalidToken(String hint) {
    return Code.INVALID_TOKEN.with(hint);
  }

  static OAuthError insufficientScope(String hint) {
    return Code.INSUFFICIENT_SCOPE.with(hint);
  }

  static OAuthError serverError(String hint) {
    return Code.SERVER_ERROR.with(hint);
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
