package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error body from QF, in either shape, as one value: Hydra's {@code {error, error_description,
 * error_hint?, status_code?}} and the API gateway's {@code {message, type, success:false}}. Text is
 * cut short and stripped of control characters, so it is safe to log and show.
 */
record RemoteError(int status, String error, String description) {

  static RemoteError parse(int status, String body) {
    JsonNode json = Json.parseOrNull(body);
    if (json == null || !json.isObject()) {
      return new RemoteError(status, null, null);
    }
    String error = Json.text(json, "error");
    String description = Json.text(json, "error_description");
    String hint = Json.text(json, "error_hint");
    if (error == null) {
      error = Json.text(json, "type");
      description = Json.text(json, "message");
    }
    if (hint != null && (description == null || !description.contains(hint))) {
      description = description == null ? hint : description + " " + hint;
    }
    return new RemoteError(
        status,
        error == null ? null : Redaction.printable(error, 64),
        description == null ? null : Redaction.printable(description, 300));
  }

  /** "status 400, invalid_grant: The refresh token was already used." */
  String summary() {
    StringBuilder s = new StringBuilder("status ").append(status);
    if (error != null) {
      s.append(", ").append(error);
    }
    if (description != null) {
      s.append(": ").append(description);
    }
    return s.toString();
  }
}
