package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A successful token endpoint answer (RFC 6749 5.1), checked for shape. Tokens are {@link Secret}s.
 */
record TokenResponse(
    Secret accessToken,
    long expiresInSeconds,
    Secret refreshToken,
    Secret idToken,
    Set<String> scopes) {

  /**
   * QF documents 3600 s; used when {@code expires_in} is absent (RFC 6749 5.1 makes it optional).
   */
  static final long DEFAULT_EXPIRES_IN = 3600;

  /**
   * @param requested the scopes asked for; RFC 6749 5.1: an absent {@code scope} means they were
   *     granted as requested
   * @return the parsed response, or {@code null} when the JSON does not have the shape of one
   */
  static TokenResponse parse(String body, List<String> requested) {
    // RFC 6749 5.1 makes the response a JSON object; a member given twice (two access tokens, two
    // ID tokens) is refused rather than resolved by whichever the parser keeps (RFC 8259 4:
    // names SHOULD be unique, and parsers differ on the rest).
    JsonNode json = Json.parseStrictOrNull(body);
    if (json == null || !json.isObject()) {
      return null;
    }
    String access = Json.text(json, "access_token");
    String type = Json.text(json, "token_type");
    if (access == null || access.isEmpty() || type == null || !type.equalsIgnoreCase("bearer")) {
      return null;
    }
    long expiresIn = DEFAULT_EXPIRES_IN;
    JsonNode expires = json.get("expires_in");
    if (expires != null) {
      if (!expires.canConvertToLong() || expires.asLong() <= 0 || expires.asLong() > 366L * 86400) {
        return null;
      }
      expiresIn = expires.asLong();
    }
    JsonNode refresh = json.get("refresh_token");
    JsonNode id = json.get("id_token");
    // RFC 6749 A.17 / OIDC Core 2: a token is at least one character; "" is a broken response.
    if (refresh != null && (!refresh.isTextual() || refresh.asText().isEmpty())
        || id != null && (!id.isTextual() || id.asText().isEmpty())) {
      return null;
    }
    String scope = Json.text(json, "scope");
    Set<String> granted =
        scope == null
            ? new LinkedHashSet<>(requested)
            : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    granted.remove("");
    // RFC 6749 3.3 lets the server grant less than asked, never more; FAPI 1.0 Part 1 5.2.3
    // (OIDF test invalid-scope-in-token-endpoint-response) has the client refuse a scope it never
    // requested rather than act on it.
    if (!requested.containsAll(granted)) {
      return null;
    }
    return new TokenResponse(
        Secret.of(access),
        expiresIn,
        refresh == null ? null : Secret.of(refresh.asText()),
        id == null ? null : Secret.of(id.asText()),
        Set.copyOf(granted));
  }
}
