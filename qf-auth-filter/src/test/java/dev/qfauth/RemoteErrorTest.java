package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

final class RemoteErrorTest {

  /**
   * The error shapes QF answers with, and what is read from each: name, status, body, then the
   * error, description and summary expected.
   */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "hydraLegacyShape_descriptionAndHintJoined",
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is"
                + " invalid.\",\"error_hint\":\"The refresh token was already used.\",\"status_code\":400}",
            "invalid_grant",
            "The provided authorization grant is invalid. The refresh token was already used.",
            "status 400, invalid_grant: The provided authorization grant is invalid. The refresh token"
                + " was already used."),
        Arguments.of(
            "hydraCurrentShape_hintAlreadyInDescription_notRepeated",
            401,
            "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed. The"
                + " OAuth 2.0 Client supports client authentication method 'client_secret_basic', but"
                + " method 'client_secret_post' was requested.\"}",
            "invalid_client",
            "Client authentication failed. The OAuth 2.0 Client supports client authentication"
                + " method 'client_secret_basic', but method 'client_secret_post' was requested.",
            "status 401, invalid_client: Client authentication failed. The OAuth 2.0 Client supports"
                + " client authentication method 'client_secret_basic', but method"
                + " 'client_secret_post' was requested."),
        Arguments.of(
            "legacyHintContainedInDescription_notDuplicated",
            400,
            "{\"error\":\"invalid_request\",\"error_description\":\"Bad. Use POST.\",\"error_hint\":\"Use POST.\"}",
            "invalid_request",
            "Bad. Use POST.",
            "status 400, invalid_request: Bad. Use POST."),
        Arguments.of(
            "hintOnly_hintIsDescription",
            400,
            "{\"error\":\"invalid_request\",\"error_hint\":\"Use POST.\"}",
            "invalid_request",
            "Use POST.",
            "status 400, invalid_request: Use POST."),
        Arguments.of(
            "gatewayShape_typeAndMessage",
            403,
            "{\"message\":\"The access token does not have the required scopes\","
                + "\"type\":\"insufficient_scope\",\"success\":false}",
            "insufficient_scope",
            "The access token does not have the required scopes",
            "status 403, insufficient_scope: The access token does not have the required scopes"),
        Arguments.of(
            "gatewayMessageOnly_descriptionWithoutError",
            502,
            "{\"message\":\"Bad gateway\",\"success\":false}",
            null,
            "Bad gateway",
            "status 502: Bad gateway"),
        Arguments.of(
            "nonStringFields_ignored",
            400,
            "{\"error\":42,\"error_description\":{\"x\":1},\"type\":[\"a\"]}",
            null,
            null,
            "status 400"));
  }

  @ParameterizedTest(name = "parse_{0}")
  @MethodSource("shapes")
  void parse_knownShape_errorDescriptionAndSummaryRead(
      String name, int status, String body, String error, String description, String summary) {
    RemoteError e = RemoteError.parse(status, body);
    assertEquals(status, e.status(), name);
    assertEquals(error, e.error(), name);
    assertEquals(description, e.description(), name);
    assertEquals(summary, e.summary(), name);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "<html><body>502 Bad Gateway</body></html>",
        "[\"invalid_grant\"]",
        "\"invalid_grant\"",
        "not json at all",
        "{\"error\":",
        "12",
      })
  void parse_garbage_statusOnly(String body) {
    RemoteError e = RemoteError.parse(503, body);
    assertEquals(503, e.status());
    assertNull(e.error());
    assertNull(e.description());
    assertEquals("status 503", e.summary());
  }

  @Test
  void parse_controlCharacters_replaced() {
    RemoteError e =
        RemoteError.parse(
            400,
            "{\"error\":\"invalid_grant\\r\\nINFO forged\",\"error_description\":\"line1\\nline2\\u0000\\u001b[31mred\\u0085x\"}");
    assertFalse(e.error().chars().anyMatch(Character::isISOControl), e.error());
    assertFalse(e.description().chars().anyMatch(Character::isISOControl), e.description());
    assertEquals("invalid_grant  INFO forged", e.error());
  }

  @Test
  void parse_unicodeLineAndBidiControls_neutralised() {
    // U+2028/2029 end lines in many log viewers; U+202E reverses the rest of the line on screen.
    RemoteError e =
        RemoteError.parse(
            400,
            "{\"error\":\"invalid_request\",\"error_description\":\"a\\u2028FAKE b\\u2029c \\u202Egnp.exe d\\u200Be\"}");
    for (char c : new char[] {'\u2028', '\u2029', '\u202e', '\u200b'}) {
      assertTrue(e.description().indexOf(c) < 0, () -> "kept U+" + Integer.toHexString(c));
    }
  }

  @Test
  void parse_overlongText_capped() {
    String longError = "e".repeat(1000);
    String longDescription = "d".repeat(100_000);
    RemoteError e =
        RemoteError.parse(
            400,
            "{\"error\":\"" + longError + "\",\"error_description\":\"" + longDescription + "\"}");
    assertTrue(e.error().length() <= 65, "error length " + e.error().length());
    assertTrue(e.description().length() <= 301, "description length " + e.description().length());
    assertTrue(e.description().endsWith("…"));
  }

  @Test
  void parse_overlongHint_cappedAfterJoin() {
    RemoteError e =
        RemoteError.parse(
            400,
            "{\"error\":\"x\",\"error_description\":\"short\",\"error_hint\":\""
                + "h".repeat(5000)
                + "\"}");
    assertTrue(e.description().length() <= 301);
    assertTrue(e.description().startsWith("short h"));
  }
}
