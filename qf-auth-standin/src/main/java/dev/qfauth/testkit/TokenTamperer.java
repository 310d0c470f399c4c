package dev.qfauth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * {@code POST /oauth2/token} under the {@link QfDefect.Family#TOKEN_ENDPOINT}, {@link
 * QfDefect.Family#ID_TOKEN} and {@link QfDefect.Family#KEYS} defects, for every grant type. Defects
 * that spoil the whole answer do not let the stand-in process the request (the code stays
 * unredeemed); defects that spoil one field take the genuine answer and change that field.
 */
final class TokenTamperer {
  private final HostileState state;
  private final IdTokenForger forger;

  TokenTamperer(HostileState state) {
    this.state = state;
    this.forger = new IdTokenForger(state);
  }

  MockResponse answer(RecordedRequest request, Supplier<OAuth2HttpResponse> genuine) {
    QfDefect defect = state.defect();
    if (defect != null && defect.family() == QfDefect.Family.TOKEN_ENDPOINT) {
      MockResponse whole = wholeAnswer(defect, request, genuine);
      if (whole != null) {
        return whole;
      }
    }
    OAuth2HttpResponse response = genuine.get();
    ObjectNode json = parse(response);
    if (response.getStatus() != 200 || json == null) {
      return StandInDispatcher.toMock(response);
    }
    state.ledger.recordTokens(json);
    String idToken = json.path("id_token").asText(null);
    if (defect == null) {
      remember(idToken);
      return StandInDispatcher.toMock(response);
    }
    switch (defect.family()) {
      case ID_TOKEN, KEYS -> forgeIdToken(defect, json, idToken, request);
      case TOKEN_ENDPOINT -> spoilField(defect, json);
      default -> remember(idToken);
    }
    state.ledger.recordTokens(json);
    if (defect == QfDefect.TOKEN_DUPLICATE_MEMBER) {
      String body = RawAnswers.write(json);
      String second = "ory_at_" + FakeValues.random();
      state.ledger.add(second);
      return RawAnswers.withBody(
          response,
          body.substring(0, body.lastIndexOf('}')) + ",\"access_token\":\"" + second + "\"}");
    }
    return RawAnswers.withBody(response, json);
  }

  /** The defects that replace the whole answer, or null when one field is to be spoilt. */
  private MockResponse wholeAnswer(
      QfDefect defect, RecordedRequest request, Supplier<OAuth2HttpResponse> genuine) {
    return switch (defect) {
      case TOKEN_NOT_JSON -> RawAnswers.html(200);
      case TOKEN_JSON_ARRAY ->
          RawAnswers.text(200, RawAnswers.JSON_TYPE, "[\"access_token\",\"bearer\"]");
      case TOKEN_JSON_TRUNCATED ->
          RawAnswers.text(200, RawAnswers.JSON_TYPE, "{\"access_token\":\"");
      case TOKEN_EMPTY_BODY -> RawAnswers.text(200, RawAnswers.JSON_TYPE, "");
      case TOKEN_ERROR_INVALID_GRANT ->
          RawAnswers.json(
              400,
              RawAnswers.error(
                  "invalid_grant", "The provided authorization grant is invalid (injected)."));
      case TOKEN_ERROR_INVALID_CLIENT ->
          RawAnswers.json(
              401, RawAnswers.error("invalid_client", "Client authentication failed (injected)."));
      case TOKEN_ERROR_WITH_STATUS_200 ->
          RawAnswers.json(200, RawAnswers.error("invalid_grant", "An error with status 200."));
      case TOKEN_ERROR_ECHOES_SECRETS -> RawAnswers.json(400, echo(request));
      case TOKEN_ERROR_MARKUP ->
          RawAnswers.json(
              400,
              RawAnswers.error(
                  "<script>alert(1)</script>",
                  "bad\r\nSEVERE: forged log line <img src=x onerror=alert(1)>\u2028\u202e"));
      case TOKEN_SERVER_ERROR -> RawAnswers.html(500);
      case TOKEN_UNAVAILABLE -> RawAnswers.html(503).setHeader("Retry-After", "120");
      case TOKEN_REDIRECTED -> RawAnswers.redirect(307, state.attackerBase + "/oauth2/token");
      case TOKEN_HUGE -> RawAnswers.huge(RawAnswers.JSON_TYPE);
      case TOKEN_NEVER_ENDING -> RawAnswers.neverEnding(RawAnswers.JSON_TYPE, state.staller);
      case TOKEN_CONNECTION_DROPPED -> RawAnswers.dropped();
      case TOKEN_STALLED -> {
        state.staller.hold();
        yield RawAnswers.html(504);
      }
      case TOKEN_SLOW -> {
        state.staller.hold();
        yield null; // then the genuine answer, long after a careful client gave up
      }
      default -> null;
    };
  }

  private void spoilField(QfDefect defect, ObjectNode json) {
    switch (defect) {
      case TOKEN_ACCESS_TOKEN_MISSING -> json.remove("access_token");
      case TOKEN_ACCESS_TOKEN_NOT_A_STRING -> json.put("access_token", 42);
      case TOKEN_TYPE_MISSING -> json.remove("token_type");
      case TOKEN_TYPE_UNEXPECTED -> json.put("token_type", "DPoP");
      case TOKEN_EXPIRES_IN_NEGATIVE -> json.put("expires_in", -3600);
      case TOKEN_EXPIRES_IN_NOT_A_NUMBER -> json.put("expires_in", "soon");
      case TOKEN_REFRESH_TOKEN_EMPTY -> json.put("refresh_token", "");
      case TOKEN_ID_TOKEN_NOT_A_STRING ->
          json.set("id_token", Responses.JSON.valueToTree(Map.of("sub", "admin")));
      case TOKEN_SCOPE_DOWNGRADED -> json.put("scope", "openid offline_access");
      case TOKEN_SCOPE_NOT_REQUESTED -> json.put("scope", json.path("scope").asText() + " admin");
      default -> { // TOKEN_SLOW: the genuine answer, late
      }
    }
  }

  private void forgeIdToken(QfDefect defect, ObjectNode json, String idToken, RecordedRequest req) {
    if (idToken == null) {
      return; // no openid scope: nothing to spoil
    }
    if (defect == QfDefect.ID_TOKEN_MISSING) {
      json.remove("id_token");
      return;
    }
    String forged =
        forger.forge(defect, idToken, json.path("access_token").asText(), clientSecret(req));
    if (defect != QfDefect.ID_TOKEN_FROM_EARLIER_LOGIN) {
      remember(idToken);
    }
    json.put("id_token", forged);
  }

  private void remember(String idToken) {
    if (idToken != null) {
      state.lastGenuineIdToken = idToken;
    }
  }

  /** A provider that quotes what it received, secrets included, in its error text. */
  private static Map<String, Object> echo(RecordedRequest request) {
    Form form = Form.parse(request.getBody().clone().readUtf8());
    String secret = clientSecret(request);
    String description =
        "Code "
            + form.get("code")
            + " with verifier "
            + form.get("code_verifier")
            + " and refresh token "
            + form.get("refresh_token")
            + " for client secret "
            + secret
            + " was refused.";
    return Map.of(
        "error", "invalid_grant", "error_description", description, "error_hint", "" + secret);
  }

  /** The client secret from HTTP Basic or the form body, or null. */
  static String clientSecret(RecordedRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
        return URLDecoder.decode(pair.substring(pair.indexOf(':') + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    try {
      return Form.parse(request.getBody().clone().readUtf8()).get("client_secret");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ObjectNode parse(OAuth2HttpResponse response) {
    try {
      JsonNode node = Responses.JSON.readTree(response.getBody() == null ? "" : response.getBody());
      return node instanceof ObjectNode object ? object : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
