package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AuthorizationCodeFlowTest {
  static final String SECRET = "p+ss%w0rd:with/slash";
  static final String CALLBACK = "http://localhost:8080/app/callback";
  static final String SCOPE = "openid offline_access user collection";

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf ->
              qf.confidentialClient("web-app", SECRET, CALLBACK)
                  .publicClient("spa", "http://localhost:3000/cb")
                  .client(
                      QfTestClient.confidential("post-app", "secret")
                          .redirectUris(CALLBACK)
                          .secretInPostBody()
                          .build())
                  .client(
                      QfTestClient.confidential("plus-app", "s3cr+t")
                          .redirectUris(CALLBACK)
                          .build())
                  .seedDemoData());

  private final FlowDriver web = new FlowDriver(QF.standIn(), "web-app", CALLBACK);

  @Test
  void codeFlow_confidentialClientWithBasicAuth_issuesTokensWhoseIdTokenVerifies()
      throws Exception {
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    QF.standIn().autoLogin("alice");
    HttpResponse<String> authorize = FlowDriver.get(web.authorizeUrl(attempt, SCOPE));
    assertEquals(302, authorize.statusCode());
    URI callback = FlowDriver.location(authorize);
    assertTrue(callback.toString().startsWith(CALLBACK + "?"));
    Map<String, String> params = FlowDriver.query(callback);
    assertEquals(attempt.state(), params.get("state"));
    assertEquals(SCOPE, params.get("scope"));

    HttpResponse<String> response = web.exchange(params.get("code"), attempt, SECRET);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    JsonNode tokens = FlowDriver.json(response);
    assertEquals("bearer", tokens.get("token_type").asText());
    assertEquals(3600, tokens.get("expires_in").asInt());
    assertEquals(SCOPE, tokens.get("scope").asText());
    assertNotNull(tokens.get("access_token").asText());
    assertTrue(tokens.get("refresh_token").asText().startsWith("ory_rt_"));

    JWTClaimsSet claims = web.verifyIdToken(tokens.get("id_token").asText(), attempt.nonce());
    assertEquals(QfTestUser.ALICE.sub(), claims.getSubject());
    assertEquals("web-app", claims.getStringClaim("azp"));
    assertEquals("alice@example.com", claims.getStringClaim("email"));
    assertEquals("Alice Rahman", claims.getStringClaim("name"));
    assertEquals("Alice", claims.getStringClaim("first_name"));
    assertEquals("Rahman", claims.getStringClaim("last_name"));
    assertNotNull(claims.getStringClaim("sid"));
    assertNotNull(SignedJWT.parse(tokens.get("id_token").asText()).getHeader().getKeyID());

    QfRecordedRequest recorded = QF.standIn().lastTokenRequest().orElseThrow();
    assertTrue(recorded.header("authorization").orElseThrow().startsWith("Basic "));
    assertFalse(recorded.toString().contains(params.get("code")), recorded.toString());
    assertFalse(recorded.toString().contains(attempt.verifier()));
    assertEquals(1, QF.standIn().tokenCalls("authorization_code"));
  }

  @Test
  void rotateSigningKey_rotated_newIdTokensUseNewKidAndOldKeyStaysPublished() throws Exception {
    JsonNode before = web.login("alice", "openid", SECRET);
    String kid = QF.standIn().rotateSigningKey();

    JsonNode after = web.login("alice", "openid", SECRET);

    assertEquals(kid, SignedJWT.parse(after.get("id_token").asText()).getHeader().getKeyID());
    assertNotNull(web.verifyIdToken(before.get("id_token").asText(), null));
    assertNotNull(web.verifyIdToken(after.get("id_token").asText(), null));
  }

  @Test
  void tokenRequest_malformedPercentEscape_invalidRequest() {
    HttpResponse<String> response =
        FlowDriver.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(QF.standIn().authBaseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=%zz"))
                .build());
    assertEquals(400, response.statusCode());
    assertEquals("invalid_request", FlowDriver.json(response).get("error").asText());
  }

  @Test
  void anyEndpoint_malformedEscapeInCookie_badRequestNotHang() {
    HttpResponse<String> response =
        FlowDriver.send(
            java.net.http.HttpRequest.newBuilder(QF.standIn().discoveryUrl())
                .header("Cookie", "app_session=50%off")
                .build());
    assertEquals(400, response.statusCode());
  }

  @Test
  void tokenRequest_basicSecretNotFormEncoded_invalidClient() {
    FlowDriver plus = new FlowDriver(QF.standIn(), "plus-app", CALLBACK);
    FlowDriver.Approved approved = plus.approve("alice", SCOPE);
    // Raw "id:secret": Hydra form-decodes it, so the '+' becomes a space and the secret is wrong.
    String raw =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("plus-app:s3cr+t".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        FlowDriver.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(QF.standIn().authBaseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", raw)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        FlowDriver.form(
                            Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                approved.code(),
                                "redirect_uri",
                                CALLBACK,
                                "code_verifier",
                                approved.attempt().verifier()))))
                .build());
    assertEquals(401, response.statusCode());
    assertEquals("invalid_client", FlowDriver.json(response).get("error").asText());
    assertEquals(200, plus.exchange(approved, "s3cr+t").statusCode(), "encoded Basic works");
  }

  @Test
  void tokenRequest_confidentialClientWithoutAuthentication_invalidClient401() {
    FlowDriver.Approved approved = web.approve("alice", SCOPE);

    HttpResponse<String> response = web.exchange(approved, null); // client_id in body only

    assertEquals(401, response.statusCode());
    JsonNode error = FlowDriver.json(response);
    assertEquals("invalid_client", error.get("error").asText());
    assertTrue(
        error
            .get("error_description")
            .asText()
            .contains("'client_secret_basic', but method 'none'"));
  }

  @Test
  void tokenRequest_wrongSecret_invalidClient401() {
    HttpResponse<String> response = web.exchange(web.approve("alice", SCOPE), "wrong");
    assertEquals(401, response.statusCode());
    assertEquals("invalid_client", FlowDriver.json(response).get("error").asText());
  }

  @Test
  void tokenRequest_basicForSecretPostClient_invalidClientNamingBothMethods() {
    FlowDriver post = new FlowDriver(QF.standIn(), "post-app", CALLBACK);
    HttpResponse<String> response = post.exchange(post.approve("alice", SCOPE), "secret");
    assertEquals(401, response.statusCode());
    assertTrue(
        FlowDriver.json(response)
            .get("error_description")
            .asText()
            .contains("'client_secret_post', but method 'client_secret_basic'"));
  }

  @Test
  void pkce_wrongVerifier_invalidGrantAndCodeStillRedeemable() {
    FlowDriver.Approved approved = web.approve("alice", SCOPE);
    FlowDriver.Attempt other = FlowDriver.Attempt.fresh();

    HttpResponse<String> response = web.exchange(approved.code(), other, SECRET);

    assertEquals(400, response.statusCode());
    JsonNode error = FlowDriver.json(response);
    assertEquals("invalid_grant", error.get("error").asText());
    assertTrue(
        error
            .get("error_description")
            .asText()
            .endsWith("The PKCE code challenge did not match the code verifier."));
    assertEquals(
        200,
        web.exchange(approved, SECRET).statusCode(),
        "as in fosite, a failed try does not use the code");
  }

  @Test
  void pkce_missingVerifier_invalidGrant() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "authorization_code");
    params.put("code", web.approve("alice", SCOPE).code());
    params.put("redirect_uri", CALLBACK);

    HttpResponse<String> response = web.token(params, SECRET);

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", FlowDriver.json(response).get("error").asText());
  }

  @Test
  void code_redeemedTwice_invalidGrantAndFirstTokensRevoked() {
    FlowDriver.Approved approved = web.approve("alice", SCOPE);
    JsonNode first = FlowDriver.json(web.exchange(approved, SECRET));
    String accessToken = first.get("access_token").asText();
    assertEquals(200, web.api("GET", "/auth/v1/collections", accessToken, null).statusCode());

    HttpResponse<String> second = web.exchange(approved, SECRET);

    assertEquals(400, second.statusCode());
    JsonNode error = FlowDriver.json(second);
    assertEquals("invalid_grant", error.get("error").asText());
    assertTrue(
        error
            .get("error_description")
            .asText()
            .endsWith("The authorization code has already been used."));
    assertEquals(401, web.api("GET", "/auth/v1/collections", accessToken, null).statusCode());
    assertEquals(400, web.refresh(first.get("refresh_token").asText(), SECRET).statusCode());
  }

  @Test
  void tokenRequest_redirectUriDiffersFromAuthorize_invalidGrant() {
    FlowDriver.Approved approved = web.approve("alice", SCOPE);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "authorization_code");
    params.put("code", approved.code());
    params.put("redirect_uri", CALLBACK + "/");
    params.put("code_verifier", approved.attempt().verifier());

    HttpResponse<String> response = web.token(params, SECRET);

    assertEquals(400, response.statusCode());
    assertTrue(
        FlowDriver.json(response).get("error_description").asText().contains("\"redirect_uri\""));
  }

  @Test
  void authorize_unregisteredRedirectUri_errorPageWithoutRedirect() {
    FlowDriver trailing = new FlowDriver(QF.standIn(), "web-app", CALLBACK + "/");
    HttpResponse<String> response =
        FlowDriver.get(trailing.authorizeUrl(FlowDriver.Attempt.fresh(), SCOPE));
    assertEquals(400, response.statusCode());
    assertTrue(response.headers().firstValue("Location").isEmpty());
    assertTrue(response.body().contains("invalid_request"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "state too short, state=short, invalid_state",
    "legacy offline scope, scope=openid offline, invalid_scope",
    "unknown scope, scope=openid wallet, invalid_scope",
    "plain PKCE, code_challenge_method=plain, invalid_request",
    "short nonce, nonce=abc, insufficient_entropy",
    "implicit flow, response_type=token, unsupported_response_type",
    "form_post, response_mode=form_post, unsupported_response_mode",
    "prompt none without session, prompt=none, login_required",
  })
  void authorize_badParameter_redirectsBackWithError(String title, String override, String error) {
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    URI url = web.authorizeUrl(attempt, SCOPE);
    String name = override.substring(0, override.indexOf('='));
    Map<String, String> params = FlowDriver.query(url);
    params.put(name, override.substring(override.indexOf('=') + 1));
    URI bad = URI.create(QF.standIn().authBaseUrl() + "/oauth2/auth?" + FlowDriver.form(params));

    HttpResponse<String> response = FlowDriver.get(bad);

    assertEquals(302, response.statusCode(), response.body());
    Map<String, String> callback = FlowDriver.query(FlowDriver.location(response));
    assertEquals(error, callback.get("error"));
    assertEquals(params.get("state"), callback.get("state"));
    assertNull(callback.get("code"));
  }

  @Test
  void authorize_publicClientWithoutPkce_invalidRequest() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", "spa");
    params.put("redirect_uri", "http://localhost:3000/cb");
    params.put("scope", "openid");
    params.put("state", FlowDriver.random());
    HttpResponse<String> response =
        FlowDriver.get(
            URI.create(QF.standIn().authBaseUrl() + "/oauth2/auth?" + FlowDriver.form(params)));
    assertEquals("invalid_request", FlowDriver.query(FlowDriver.location(response)).get("error"));
  }

  @Test
  void publicClient_clientIdInBody_issuesTokens() {
    FlowDriver spa = new FlowDriver(QF.standIn(), "spa", "http://localhost:3000/cb");
    JsonNode tokens = spa.login("bilal", "openid offline_access bookmark", null);
    assertNotNull(tokens.get("refresh_token"));
    assertEquals(200, spa.refresh(tokens.get("refresh_token").asText(), null).statusCode());
  }

  @Test
  void loginPage_typedNewUser_signsInAsThatUser() throws Exception {
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    HttpResponse<String> page = FlowDriver.get(web.authorizeUrl(attempt, "openid"));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"username\""));
    assertTrue(page.body().contains("id=\"sign-in\""));
    assertTrue(page.body().contains("id=\"user-alice\""));
    assertFalse(page.body().contains(attempt.state()), "the page never shows state");

    HttpResponse<String> submitted =
        FlowDriver.postForm(
            URI.create(QF.standIn().authBaseUrl() + "/login"),
            Map.of("login_challenge", challenge(page.body()), "username", "zaid"));

    assertEquals(302, submitted.statusCode());
    Map<String, String> callback = FlowDriver.query(FlowDriver.location(submitted));
    JsonNode tokens = FlowDriver.json(web.exchange(callback.get("code"), attempt, SECRET));
    assertEquals(
        QfTestUser.of("zaid").sub(),
        web.verifyIdToken(tokens.get("id_token").asText(), attempt.nonce()).getSubject());
  }

  @Test
  void loginPage_signedIn_nextRequestApprovedSilentlyUnlessPromptLogin() {
    HttpResponse<String> page =
        FlowDriver.get(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid"));
    HttpResponse<String> submitted =
        FlowDriver.postForm(
            URI.create(QF.standIn().authBaseUrl() + "/login"),
            Map.of("login_challenge", challenge(page.body()), "user", "bilal"));
    String cookie = submitted.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertTrue(cookie.startsWith("qf_stand_in_session="), cookie);

    HttpResponse<String> silent =
        withCookie(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid"), cookie);
    assertEquals(302, silent.statusCode(), "the remembered user is signed straight back in");
    assertNotNull(FlowDriver.query(FlowDriver.location(silent)).get("code"));

    // OIDC Core 3.1.2.1: prompt=login asks for the credentials again.
    URI reauthenticate =
        URI.create(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid") + "&prompt=login");
    HttpResponse<String> form = withCookie(reauthenticate, cookie);
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("id=\"username\""), form.body());

    // RP-initiated logout ends the stand-in's session.
    HttpResponse<String> out =
        withCookie(URI.create(QF.standIn().authBaseUrl() + "/oauth2/sessions/logout"), cookie);
    assertEquals(200, out.statusCode());
    assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
    assertEquals(
        200,
        withCookie(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid"), cookie).statusCode());
  }

  private static HttpResponse<String> withCookie(URI uri, String cookie) {
    return FlowDriver.send(
        java.net.http.HttpRequest.newBuilder(uri).header("Cookie", cookie).GET().build());
  }

  @Test
  void loginPage_challengeUsedTwice_secondRefused() {
    HttpResponse<String> page =
        FlowDriver.get(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid"));
    URI login = URI.create(QF.standIn().authBaseUrl() + "/login");
    Map<String, String> pick = Map.of("login_challenge", challenge(page.body()), "user", "bilal");
    assertEquals(302, FlowDriver.postForm(login, pick).statusCode());
    assertEquals(400, FlowDriver.postForm(login, pick).statusCode());
  }

  @Test
  void loginPage_shownAgainAfterABlankName_stillExpiresThirtyMinutesAfterTheRequest() {
    HttpResponse<String> page =
        FlowDriver.get(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid"));
    URI login = URI.create(QF.standIn().authBaseUrl() + "/login");
    QF.standIn().advanceClock(Duration.ofMinutes(20));
    HttpResponse<String> again =
        FlowDriver.postForm(
            login, Map.of("login_challenge", challenge(page.body()), "username", " "));
    assertEquals(200, again.statusCode());
    assertTrue(again.body().contains("Type a user name"), again.body());

    QF.standIn().advanceClock(Duration.ofMinutes(10));
    HttpResponse<String> late =
        FlowDriver.postForm(
            login, Map.of("login_challenge", challenge(again.body()), "user", "bilal"));

    assertEquals(400, late.statusCode());
    assertTrue(late.body().contains("expired or was already used"), late.body());
  }

  @Test
  void loginPage_pickedJustBeforeThirtyMinutes_approved() {
    HttpResponse<String> page =
        FlowDriver.get(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid"));
    QF.standIn().advanceClock(Duration.ofMinutes(29));
    HttpResponse<String> picked =
        FlowDriver.postForm(
            URI.create(QF.standIn().authBaseUrl() + "/login"),
            Map.of("login_challenge", challenge(page.body()), "user", "bilal"));
    assertEquals(302, picked.statusCode());
    assertNotNull(FlowDriver.query(FlowDriver.location(picked)).get("code"));
  }

  @Test
  void loginPage_denyButton_redirectsAccessDenied() {
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    HttpResponse<String> page = FlowDriver.get(web.authorizeUrl(attempt, "openid"));
    HttpResponse<String> denied =
        FlowDriver.postForm(
            URI.create(QF.standIn().authBaseUrl() + "/login"),
            Map.of("login_challenge", challenge(page.body()), "action", "deny"));
    Map<String, String> callback = FlowDriver.query(FlowDriver.location(denied));
    assertEquals("access_denied", callback.get("error"));
    assertEquals(attempt.state(), callback.get("state"));
  }

  @Test
  void loginHint_registeredUser_approvedWithoutPage() {
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    URI url = URI.create(web.authorizeUrl(attempt, "openid") + "&login_hint=bilal");
    assertEquals(302, FlowDriver.get(url).statusCode());
  }

  @Test
  void denyNextLogin_set_accessDeniedOnce() {
    QF.standIn().denyNextLogin().autoLogin("alice");
    HttpResponse<String> response =
        FlowDriver.get(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid"));
    assertEquals("access_denied", FlowDriver.query(FlowDriver.location(response)).get("error"));
    assertEquals(
        302, FlowDriver.get(web.authorizeUrl(FlowDriver.Attempt.fresh(), "openid")).statusCode());
  }

  @Test
  void userWithholdsScope_grantedScopeIsRequestedMinusWithheld() {
    QF.standIn()
        .user(
            QfTestUser.builder("sara")
                .withholdScopes("collection", "email")
                .email("s@example.com")
                .build());
    JsonNode tokens =
        web.login("sara", "openid offline_access email collection.read bookmark", SECRET);
    assertEquals("openid offline_access bookmark", tokens.get("scope").asText());
  }

  @Test
  void noOfflineAccess_default_noRefreshToken() {
    JsonNode tokens = web.login("alice", "openid collection", SECRET);
    assertNull(tokens.get("refresh_token"));
    assertNotNull(tokens.get("id_token"));
  }

  @Test
  void legacyErrorFields_enabled_hintAndStatusCodeSeparate() {
    try (QfStandIn legacy = QfStandIn.builder().legacyErrorFields(true).start()) {
      legacy.confidentialClient("web-app", SECRET, CALLBACK);
      HttpResponse<String> response =
          new FlowDriver(legacy, "web-app", CALLBACK).refresh("ory_rt_unknown", "wrong");
      JsonNode error = FlowDriver.json(response);
      assertEquals("invalid_client", error.get("error").asText());
      assertEquals(401, error.get("status_code").asInt());
    }
  }

  static String challenge(String html) {
    Matcher m = Pattern.compile("name=\"login_challenge\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find());
    return m.group(1);
  }
}
