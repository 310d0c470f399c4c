package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class RefreshTokenTest {
  static final String SECRET = "s3cret";
  static final String CALLBACK = "http://localhost:8080/callback";
  static final String LOGOUT = "http://localhost:8080/signed-out";

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf ->
              qf.client(
                      QfTestClient.confidential("web-app", SECRET)
                          .redirectUris(CALLBACK)
                          .postLogoutRedirectUris(LOGOUT)
                          .build())
                  .confidentialClient("other-app", "other", CALLBACK)
                  .seedDemoData());

  private final FlowDriver web = new FlowDriver(QF.standIn(), "web-app", CALLBACK);

  @Test
  void refresh_validToken_rotatesAllTokensAndRevokesOldAccessToken() throws Exception {
    JsonNode first = web.login("alice", "openid offline_access collection", SECRET);

    HttpResponse<String> response = web.refresh(first.get("refresh_token").asText(), SECRET);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode second = FlowDriver.json(response);
    assertNotEquals(first.get("refresh_token").asText(), second.get("refresh_token").asText());
    assertNotEquals(first.get("access_token").asText(), second.get("access_token").asText());
    assertNotEquals(first.get("id_token").asText(), second.get("id_token").asText());
    assertEquals("openid offline_access collection", second.get("scope").asText());
    JWTClaimsSet refreshed = web.verifyIdToken(second.get("id_token").asText(), null);
    JWTClaimsSet original = web.verifyIdToken(first.get("id_token").asText(), null);
    assertEquals(original.getClaim("sid"), refreshed.getClaim("sid"));
    assertNull(refreshed.getClaim("nonce"), "OIDC Core 12.2: no nonce on refresh");
    assertEquals(401, collectionsStatus(first));
    assertEquals(200, collectionsStatus(second));
    assertEquals(1, QF.standIn().tokenCalls("refresh_token"));
  }

  @Test
  void refresh_usedTokenReplayed_invalidGrantAndWholeChainRevoked() {
    JsonNode first = web.login("alice", "openid offline_access collection", SECRET);
    JsonNode second = FlowDriver.json(web.refresh(first.get("refresh_token").asText(), SECRET));

    HttpResponse<String> replay = web.refresh(first.get("refresh_token").asText(), SECRET);

    assertEquals(400, replay.statusCode());
    JsonNode error = FlowDriver.json(replay);
    assertEquals("invalid_grant", error.get("error").asText());
    assertTrue(
        error.get("error_description").asText().endsWith("The refresh token was already used."));
    assertEquals(
        400,
        web.refresh(second.get("refresh_token").asText(), SECRET).statusCode(),
        "rotated token revoked too");
    assertEquals(401, collectionsStatus(second));
  }

  @Test
  void refresh_twoConcurrentWithSameToken_atMostOneSucceeds() {
    JsonNode first = web.login("alice", "openid offline_access", SECRET);
    String token = first.get("refresh_token").asText();
    CompletableFuture<HttpResponse<String>> a =
        CompletableFuture.supplyAsync(() -> web.refresh(token, SECRET));
    CompletableFuture<HttpResponse<String>> b =
        CompletableFuture.supplyAsync(() -> web.refresh(token, SECRET));
    long ok =
        java.util.stream.Stream.of(a.join(), b.join()).filter(r -> r.statusCode() == 200).count();
    assertEquals(1, ok, "without a grace period the loser is a reuse");
  }

  @Test
  void refresh_otherClientsToken_invalidGrant() {
    JsonNode tokens = web.login("alice", "openid offline_access", SECRET);
    FlowDriver other = new FlowDriver(QF.standIn(), "other-app", CALLBACK);
    assertEquals(400, other.refresh(tokens.get("refresh_token").asText(), "other").statusCode());
  }

  @Test
  void refresh_narrowerScope_grantedAndWiderRefused() {
    JsonNode tokens = web.login("alice", "openid offline_access collection", SECRET);
    String refreshToken = tokens.get("refresh_token").asText();
    HttpResponse<String> wider = web.refresh(refreshToken, "openid bookmark", SECRET);
    assertEquals("invalid_scope", FlowDriver.json(wider).get("error").asText());
    JsonNode refreshed =
        FlowDriver.json(web.refresh(refreshToken, "openid offline_access", SECRET));
    assertEquals("openid offline_access", refreshed.get("scope").asText());
  }

  @Test
  void revokeGrants_user_refreshRefused() {
    JsonNode tokens = web.login("alice", "openid offline_access", SECRET);
    QF.standIn().revokeGrants("alice");
    assertEquals(400, web.refresh(tokens.get("refresh_token").asText(), SECRET).statusCode());
  }

  @Test
  void refreshToken_pastStandInClockExpiry_invalidGrant() {
    JsonNode tokens = web.login("alice", "openid offline_access", SECRET);
    QF.standIn().advanceClock(Duration.ofHours(721));
    assertEquals(400, web.refresh(tokens.get("refresh_token").asText(), SECRET).statusCode());
  }

  @Test
  void revocation_refreshToken_emptyOkAndChainRevoked() {
    JsonNode tokens = web.login("alice", "openid offline_access collection", SECRET);

    HttpResponse<String> revoked = revoke(tokens.get("refresh_token").asText(), SECRET);

    assertEquals(200, revoked.statusCode());
    assertEquals("", revoked.body());
    assertEquals(400, web.refresh(tokens.get("refresh_token").asText(), SECRET).statusCode());
    assertEquals(401, collectionsStatus(tokens));
    assertEquals(1, QF.standIn().revocationCalls());
    assertFalse(
        QF.standIn()
            .lastRevocationRequest()
            .orElseThrow()
            .toString()
            .contains(tokens.get("refresh_token").asText()));
  }

  @Test
  void revocation_unknownToken_ok() {
    assertEquals(200, revoke("ory_rt_never-issued", SECRET).statusCode());
  }

  @Test
  void revocation_withoutClientAuthentication_invalidClient() {
    HttpResponse<String> response =
        FlowDriver.postForm(
            URI.create(QF.standIn().authBaseUrl() + "/oauth2/revoke"),
            Map.of("token", "x", "client_id", "web-app"));
    assertEquals(401, response.statusCode());
  }

  @Test
  void endSession_redirectWithoutIdTokenHint_refused() {
    HttpResponse<String> response =
        FlowDriver.get(
            logoutUrl(Map.of("post_logout_redirect_uri", LOGOUT, "state", FlowDriver.random())));
    assertEquals(400, response.statusCode());
    assertTrue(response.headers().firstValue("Location").isEmpty());
    assertTrue(response.body().contains("id_token_hint is missing"));
  }

  @Test
  void endSession_withExpiredIdTokenHint_redirectsWithState() {
    JsonNode tokens = web.login("alice", "openid", SECRET);
    QF.standIn().advanceClock(Duration.ofHours(5)); // Hydra accepts an expired hint
    String state = FlowDriver.random();

    HttpResponse<String> response = endSession(tokens, LOGOUT, state);

    assertEquals(302, response.statusCode(), response.body());
    assertEquals(LOGOUT + "?state=" + state, FlowDriver.location(response).toString());
    assertTrue(QF.standIn().lastEndSessionRequest().isPresent());
  }

  @Test
  void endSession_unregisteredPostLogoutUri_refused() {
    JsonNode tokens = web.login("alice", "openid", SECRET);
    assertEquals(400, endSession(tokens, CALLBACK, null).statusCode());
  }

  @Test
  void endSession_hintFromAnotherStandIn_refused() {
    try (QfStandIn other = QfStandIn.start()) {
      other.confidentialClient("web-app", SECRET, CALLBACK).user(QfTestUser.ALICE);
      JsonNode foreign =
          new FlowDriver(other, "web-app", CALLBACK).login("alice", "openid", SECRET);
      assertEquals(400, endSession(foreign, LOGOUT, null).statusCode());
    }
  }

  @Test
  void userinfo_bearerToken_returnsClaims() {
    JsonNode tokens = web.login("alice", "openid user", SECRET);
    HttpResponse<String> response =
        FlowDriver.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(QF.standIn().authBaseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token").asText())
                .build());
    assertEquals(200, response.statusCode());
    JsonNode claims = FlowDriver.json(response);
    assertEquals(QfTestUser.ALICE.sub(), claims.get("sub").asText());
    assertEquals("alice@example.com", claims.get("email").asText());
    assertNotNull(claims.get("first_name"));
  }

  /**
   * The User API's answer to the access token of {@code tokens}: 200 while it lives, 401 once
   * revoked.
   */
  private int collectionsStatus(JsonNode tokens) {
    return web.api("GET", "/auth/v1/collections", tokens.get("access_token").asText(), null)
        .statusCode();
  }

  /**
   * RP-initiated logout with the ID token of {@code tokens} as the hint, and {@code state} when not
   * null.
   */
  private HttpResponse<String> endSession(
      JsonNode tokens, String postLogoutRedirectUri, String state) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("id_token_hint", tokens.get("id_token").asText());
    params.put("post_logout_redirect_uri", postLogoutRedirectUri);
    if (state != null) {
      params.put("state", state);
    }
    return FlowDriver.get(logoutUrl(params));
  }

  private URI logoutUrl(Map<String, String> params) {
    return URI.create(
        QF.standIn().authBaseUrl() + "/oauth2/sessions/logout?" + FlowDriver.form(params));
  }

  private HttpResponse<String> revoke(String token, String secret) {
    return FlowDriver.send(
        java.net.http.HttpRequest.newBuilder(
                URI.create(QF.standIn().authBaseUrl() + "/oauth2/revoke"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", FlowDriver.basic("web-app", secret))
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    FlowDriver.form(Map.of("token", token, "token_type_hint", "refresh_token"))))
            .build());
  }
}
