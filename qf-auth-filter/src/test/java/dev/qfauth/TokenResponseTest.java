package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

final class TokenResponseTest {
  private static final List<String> REQUESTED = List.of("openid", "offline_access", "user");

  @Test
  void parse_hydraCodeExchange_allFields() {
    TokenResponse r =
        TokenResponse.parse(
            "{\"access_token\":\"ory_at_abc\",\"expires_in\":3599,\"id_token\":\"eyJ.x.y\","
                + "\"refresh_token\":\"ory_rt_def\",\"scope\":\"openid offline_access user\","
                + "\"token_type\":\"bearer\"}",
            REQUESTED);
    assertNotNull(r);
    assertEquals("ory_at_abc", r.accessToken().reveal());
    assertEquals(3599, r.expiresInSeconds());
    assertEquals("ory_rt_def", r.refreshToken().reveal());
    assertEquals("eyJ.x.y", r.idToken().reveal());
    assertEquals(Set.of("openid", "offline_access", "user"), r.scopes());
  }

  @Test
  void parse_refreshWithoutIdTokenOrRefreshToken_optionalFieldsNull() {
    TokenResponse r =
        TokenResponse.parse(
            "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"openid\"}",
            REQUESTED);
    assertNotNull(r);
    assertNull(r.refreshToken());
    assertNull(r.idToken());
    assertEquals(Set.of("openid"), r.scopes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer", "Bearer", "BEARER"})
  void parse_tokenTypeBearerAnyCase_accepted(String type) {
    assertNotNull(
        TokenResponse.parse("{\"access_token\":\"a\",\"token_type\":\"" + type + "\"}", REQUESTED));
  }

  /** RFC 8259 4: no member named twice, whichever copy a parser would keep. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"access_token\":\"b\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"id_token\":\"x.y.z\","
            + "\"id_token\":\"u.v.w\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"scope\":\"openid\","
            + "\"scope\":\"openid user\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"token_type\":\"mac\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"x\":{\"k\":1,\"k\":2}}"
      })
  void parse_memberNamedTwice_refused(String body) {
    assertNull(TokenResponse.parse(body, REQUESTED));
  }

  @Test
  void parse_expiresInAbsent_defaultsToDocumentedHour() {
    TokenResponse r =
        TokenResponse.parse("{\"access_token\":\"a\",\"token_type\":\"bearer\"}", REQUESTED);
    assertEquals(3600, r.expiresInSeconds());
  }

  @Test
  void parse_scopeAbsent_requestedScopesGranted() {
    TokenResponse r =
        TokenResponse.parse("{\"access_token\":\"a\",\"token_type\":\"bearer\"}", REQUESTED);
    assertEquals(Set.copyOf(REQUESTED), r.scopes());
  }

  @Test
  void parse_scopeWithExtraSpaces_split() {
    TokenResponse r =
        TokenResponse.parse(
            "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"scope\":\"  openid   user \"}",
            REQUESTED);
    assertEquals(Set.of("openid", "user"), r.scopes());
  }

  /** RFC 6749 3.3; FAPI 1.0 Part 1 5.2.3: fewer scopes than asked is fine, others are not. */
  @ParameterizedTest
  @ValueSource(strings = {"openid user admin", "openid offline", "OPENID", "openid collection"})
  void parse_scopeNeverRequested_refused(String scope) {
    assertNull(
        TokenResponse.parse(
            "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"scope\":\"" + scope + "\"}",
            REQUESTED));
  }

  @Test
  void parse_scopeEmpty_nothingGranted() {
    TokenResponse r =
        TokenResponse.parse(
            "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"scope\":\"\"}", REQUESTED);
    assertEquals(Set.of(), r.scopes());
  }

  @Test
  void parse_expiresInBoundary_oneYearAndADayAccepted() {
    TokenResponse r =
        TokenResponse.parse(
            "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":"
                + (366L * 86400)
                + "}",
            REQUESTED);
    assertEquals(366L * 86400, r.expiresInSeconds());
  }

  /**
   * Each is not an RFC 6749 5.1 bearer token response; the caller turns null into a clean error.
   */
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "not json",
        "<html>502 Bad Gateway</html>",
        "[]",
        "[{\"access_token\":\"a\",\"token_type\":\"bearer\"}]",
        "\"access_token\"",
        "42",
        "null",
        "true",
        "{}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\"", // truncated
        // access_token missing, empty or not a string
        "{\"token_type\":\"bearer\",\"expires_in\":3600}",
        "{\"access_token\":\"\",\"token_type\":\"bearer\"}",
        "{\"access_token\":null,\"token_type\":\"bearer\"}",
        "{\"access_token\":123,\"token_type\":\"bearer\"}",
        "{\"access_token\":[\"a\"],\"token_type\":\"bearer\"}",
        "{\"access_token\":{\"v\":\"a\"},\"token_type\":\"bearer\"}",
        // token_type missing or not bearer (RFC 6749 7.1: an unknown type must not be used)
        "{\"access_token\":\"a\"}",
        "{\"access_token\":\"a\",\"token_type\":\"mac\"}",
        "{\"access_token\":\"a\",\"token_type\":\"DPoP\"}",
        "{\"access_token\":\"a\",\"token_type\":\"N_A\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer \"}",
        "{\"access_token\":\"a\",\"token_type\":true}",
        // expires_in negative, zero, huge, fractional-out-of-range or not a number
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":-1}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":0}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":-9223372036854775808}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":31622401}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":9223372036854775807}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":99999999999999999999999}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":1e300}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":\"3600\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":\"soon\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":null}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":true}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":[3600]}",
        // refresh_token / id_token present but not a string, or empty
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"refresh_token\":123}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"refresh_token\":null}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"refresh_token\":{\"t\":\"x\"}}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"refresh_token\":[\"x\"]}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"refresh_token\":\"\"}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"id_token\":false}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"id_token\":{\"alg\":\"none\"}}",
        "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"id_token\":\"\"}",
      })
  void parse_notABearerTokenResponse_null(String body) {
    assertNull(TokenResponse.parse(body, REQUESTED), body);
  }

  @Test
  void parse_deeplyNestedJson_nullNotStackOverflow() {
    String deep =
        "{\"x\":"
            + "[".repeat(5000)
            + "]".repeat(5000)
            + ",\"access_token\":\"a\",\"token_type\":\"bearer\"}";
    assertNull(TokenResponse.parse(deep, REQUESTED));
  }

  @Test
  void toString_holdsTokensAsSecrets_noneRevealed() {
    TokenResponse r =
        TokenResponse.parse(
            "{\"access_token\":\"AT-VALUE\",\"token_type\":\"bearer\",\"refresh_token\":\"RT-VALUE\","
                + "\"id_token\":\"ID-VALUE\"}",
            REQUESTED);
    String text = r.toString();
    for (String token : List.of("AT-VALUE", "RT-VALUE", "ID-VALUE")) {
      org.junit.jupiter.api.Assertions.assertFalse(text.contains(token), text);
    }
  }
}
