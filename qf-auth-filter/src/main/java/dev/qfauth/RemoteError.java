package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;

/**
 * An error body from QF, in either shape, as one value: Hydra's {@code {error, error_description,
 * error_hint?, status_code?}} and the API gateway's {@code {message, type, success:false}}. Text is
 * cut short and stripped of control characters, so it is safe to log and show.
 */
record RemoteError(int status, String error, String description) {

  static RemoteError parse(int status, String body) {
    return parse(status, body, List.of());
  }

  /**
   * @param sent the secrets the request carried (code, verifier, tokens, client secret): a server
   *     that quotes them back in its error text must not put them in our logs and error pages (RFC
   *     6749 10.1, 10.5); they are masked before the text is cut short, so no prefix survives
   */
  static RemoteError parse(int status, String body, Collection<String> sent) {
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
        error == null ? null : Redaction.printable(mask(error, sent), 64),
        description == null ? null : Redaction.printable(mask(description, sent), 300));
  }

  private static String mask(String text, Collection<String> sent) {
    for (String secret : sent) {
      // Shorter values cannot be told from ordinary words (a test's code "c"); real codes,
      // verifiers, tokens and QF's client secrets are far longer.
      if (secret != null && secret.length() >= 8) {
        text = text.replace(secret, "***");
      }
    }
    return text;
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
