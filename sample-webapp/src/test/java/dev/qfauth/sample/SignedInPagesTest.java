package dev.qfauth.sample;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.qfauth.QfAuthConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's pages for a signed-in user. The stub provider grows a token endpoint, keys and the
 * collections API; each test signs in through the real {@code /login} and {@code /callback}.
 */
final class SignedInPagesTest {
  private static final String CLIENT_ID = "sample-client";
  private static final String ACCESS_TOKEN = "access-token-never-shown";

  private static StubProvider provider;
  private static RSAKey signingKey;
  private static SampleApp app;

  @BeforeAll
  static void start() throws Exception {
    provider = new StubProvider();
    signingKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
    provider
        .wireMock()
        .stubFor(
            get("/.well-known/jwks.json")
                .willReturn(okJson(new JWKSet(signingKey.toPublicJWK()).toString())));
    // The redirect URI names the app's own origin: sign-out compares a POST's Origin with it.
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    app =
        SampleApp.start(
            port,
            Map.of(
                QfAuthConfig.CLIENT_ID,
                CLIENT_ID,
                QfAuthConfig.AUTH_BASE_URL,
                provider.baseUrl(),
                QfAuthConfig.API_BASE_URL,
                provider.baseUrl(),
                QfAuthConfig.REDIRECT_URI,
                "http://localhost:" + port + "/callback"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.stop();
    }
    provider.close();
  }

  @Test
  void homePageShowsTheSignedInUser() throws Exception {
    Browser browser = signedIn();

    HttpResponse<String> page = browser.get("/");
    String home = page.body();

    // A page with the user's data: never cached, no scripts, no sniffing.
    assertEquals("text/html;charset=utf-8", contentType(page));
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
    assertEquals(
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        page.headers().firstValue("Content-Security-Policy").orElse(null));
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
    assertTrue(home.contains("<strong id=\"user-name\">Ayesha &lt;Test&gt;</strong>"), home);
    assertTrue(home.contains("<code id=\"user-sub\">user-123</code>"), home);
    assertTrue(home.contains("<dd id=\"user-scopes\">collection openid user</dd>"), home);
    assertTrue(home.contains("<form method=\"post\" action=\"/logout\">"), home);
    assertTrue(home.contains("<button id=\"logout\""), home);
    assertFalse(home.contains("id=\"login\""), home);
  }

  @Test
  void meShowsTheUserContextWithoutTokens() throws Exception {
    HttpResponse<String> me = signedIn().get("/me");

    assertEquals(200, me.statusCode());
    assertEquals(
        "application/json", me.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
    JsonNode json = new ObjectMapper().readTree(me.body());
    assertEquals("user-123", json.path("sub").asText());
    assertEquals("prelive", json.path("environment").asText());
    assertEquals("[\"collection\",\"openid\",\"user\"]", json.path("scopes").toString());
    assertEquals("Ayesha <Test>", json.path("claims").path("name").asText());
    assertTrue(Instant.parse(json.path("accessTokenExpiresAt").asText()).isAfter(Instant.now()));
    assertFalse(me.body().contains(ACCESS_TOKEN), me.body());
    assertFalse(me.body().contains("eyJ"), "no JWT in " + me.body());
  }

  @Test
  void collectionsPageListsTheUsersCollections() throws Exception {
    Browser browser = signedIn();
    provider
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/auth/v1/collections"))
                .withHeader("x-auth-token", equalTo(ACCESS_TOKEN))
                .withHeader("x-client-id", equalTo(CLIENT_ID))
                .willReturn(
                    okJson(
                        """
                        {"success": true,
                         "data": [{"id": "c-1", "name": "Juz <30>", "bookmarksCount": 2},
                                  {"id": "c-2", "name": "Favourites", "bookmarksCount": 0}],
                         "pagination": {"endCursor": "c-2", "hasNextPage": false}}
                        """)));

    HttpResponse<String> page = browser.get("/collections");

    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<li data-id=\"c-1\">Juz &lt;30&gt;"), page.body());
    assertTrue(page.body().contains("<li data-id=\"c-2\">Favourites"), page.body());
  }

  @Test
  void collectionsPageExplainsAnApiRefusal() throws Exception {
    Browser browser = signedIn();
    provider
        .wireMock()
        .stubFor(
            get(urlPathEqualTo("/auth/v1/collections"))
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"message\": \"Forbidden\", \"type\": \"insufficient_scope\"}")));

    HttpResponse<String> page = browser.get("/collections");

    assertEquals(403, page.statusCode());
    assertTrue(
        page.body()
            .contains(
                "<p id=\"api-error\">Quran.Foundation refused to list your collections (HTTP 403).</p>"),
        page.body());
    assertTrue(page.body().contains("id=\"api-hint\""), page.body());
  }

  @Test
  void signOutEndsTheSession() throws Exception {
    Browser browser = signedIn();

    HttpResponse<String> logout = browser.post("/logout");

    assertEquals(303, logout.statusCode());
    assertEquals("/", logout.headers().firstValue("Location").orElseThrow());
    assertTrue(browser.get("/").body().contains("id=\"login\""));
    assertEquals(302, browser.get("/me").statusCode());
  }

  private static String contentType(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .replace(" ", "")
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** A browser that went through /login and /callback, with the provider answering as QF would. */
  private static Browser signedIn() throws Exception {
    Browser browser = new Browser(app.url());
    HttpResponse<String> login = browser.get("/login?returnTo=/");
    assertEquals(302, login.statusCode());
    Map<String, String> authorization =
        query(URI.create(login.headers().firstValue("Location").orElseThrow()));
    WireMockServer wireMock = provider.wireMock();
    wireMock.stubFor(
        post("/oauth2/token")
            .willReturn(
                okJson(
                    """
                    {"access_token": "%s", "token_type": "bearer", "expires_in": 3600,
                     "scope": "openid user collection", "id_token": "%s"}
                    """
                        .formatted(ACCESS_TOKEN, idToken(authorization.get("nonce"))))));

    HttpResponse<String> callback =
        browser.get("/callback?code=test-code&state=" + authorization.get("state"));

    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals("/", callback.headers().firstValue("Location").orElseThrow());
    assertTrue(browser.hasCookie("QF_SESSION"));
    return browser;
  }

  private static String idToken(String nonce) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(provider.baseUrl())
            .subject("user-123")
            .audience(CLIENT_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(3600)))
            .claim("nonce", nonce)
            .claim("name", "Ayesha <Test>")
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(signingKey));
    return jwt.serialize();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
