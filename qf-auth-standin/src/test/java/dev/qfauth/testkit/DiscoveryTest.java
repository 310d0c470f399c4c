package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class DiscoveryTest {
  private static QfStandIn qf;

  @BeforeAll
  static void start() {
    qf = QfStandIn.start();
  }

  @AfterAll
  static void stop() {
    qf.close();
  }

  @Test
  void discovery_default_allEndpointsOnAuthBaseOriginAtHydraPaths() {
    HttpResponse<String> response = FlowDriver.get(qf.discoveryUrl());
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonNode doc = FlowDriver.json(response);

    String base = qf.authBaseUrl().toString();
    assertEquals(base + "/", doc.get("issuer").asText());
    assertEquals(qf.issuer(), doc.get("issuer").asText());
    assertEquals(base + "/oauth2/auth", doc.get("authorization_endpoint").asText());
    assertEquals(base + "/oauth2/token", doc.get("token_endpoint").asText());
    assertEquals(base + "/.well-known/jwks.json", doc.get("jwks_uri").asText());
    assertEquals(base + "/oauth2/revoke", doc.get("revocation_endpoint").asText());
    assertEquals(base + "/oauth2/sessions/logout", doc.get("end_session_endpoint").asText());
    assertEquals(base + "/userinfo", doc.get("userinfo_endpoint").asText());
    for (String field :
        List.of(
            "authorization_endpoint",
            "token_endpoint",
            "jwks_uri",
            "revocation_endpoint",
            "end_session_endpoint")) {
      URI uri = URI.create(doc.get(field).asText());
      assertEquals(qf.authBaseUrl().getHost(), uri.getHost(), field);
      assertEquals(qf.port(), uri.getPort(), field);
    }
    assertEquals("[\"S256\"]", doc.get("code_challenge_methods_supported").toString());
    assertTrue(
        doc.get("token_endpoint_auth_methods_supported")
            .toString()
            .contains("client_secret_basic"));
    assertTrue(doc.get("scopes_supported").toString().contains("offline_access"));
  }

  @Test
  void discovery_issuerWithoutTrailingSlash_issuerEqualsAuthBase() {
    try (QfStandIn other =
        QfStandIn.builder().issuerTrailingSlash(false).host("127.0.0.1").start()) {
      JsonNode doc = FlowDriver.json(FlowDriver.get(other.discoveryUrl()));
      assertEquals(other.authBaseUrl().toString(), doc.get("issuer").asText());
      assertTrue(
          doc.get("token_endpoint").asText().startsWith("http://127.0.0.1:" + other.port() + "/"));
    }
  }

  @Test
  void jwks_default_publicRsaKeysWithKidAndNoPrivateParts() throws Exception {
    HttpResponse<String> response = FlowDriver.get(qf.jwksUrl());
    assertEquals(200, response.statusCode());
    JWKSet set = JWKSet.parse(response.body());
    assertEquals(2, set.getKeys().size(), "one ID-token key and one access-token key, as Hydra");
    for (JWK key : set.getKeys()) {
      assertEquals(KeyType.RSA, key.getKeyType());
      assertNotNull(key.getKeyID());
      assertFalse(key.isPrivate());
    }
    assertFalse(response.body().contains("\"d\""));
  }

  @Test
  void jwks_twoStandIns_differentKeys() throws Exception {
    try (QfStandIn other = QfStandIn.start()) {
      JWKSet mine = JWKSet.parse(FlowDriver.get(qf.jwksUrl()).body());
      JWKSet theirs = JWKSet.parse(FlowDriver.get(other.jwksUrl()).body());
      assertFalse(
          mine.getKeys()
              .get(0)
              .toRSAKey()
              .getModulus()
              .equals(theirs.getKeys().get(0).toRSAKey().getModulus()),
          "two stand-ins must not accept each other's tokens");
    }
  }

  @Test
  void fetchCounters_discoveryJwksAuthorize_countedUntilReset() {
    qf.reset();
    FlowDriver.get(qf.discoveryUrl());
    FlowDriver.get(qf.jwksUrl());
    FlowDriver.get(qf.jwksUrl());
    FlowDriver.get(URI.create(qf.authBaseUrl() + "/oauth2/auth?client_id=nobody"));

    assertEquals(1, qf.discoveryFetches());
    assertEquals(2, qf.jwksFetches());
    assertEquals(1, qf.authorizationRequests());
    assertEquals(0, qf.tokenCalls());
    qf.reset();
    assertEquals(0, qf.discoveryFetches() + qf.jwksFetches() + qf.authorizationRequests());
  }

  /**
   * RFC 9110 9.3.2: a HEAD answer carries no content. pac4j (HttpURLConnection) sends HEAD for the
   * discovery document and keeps the connection; a body after the HEAD answer was read as the next
   * answer's status line ("Invalid Http response").
   */
  @Test
  void head_discovery_headersOnlyAndTheKeptConnectionStaysUsable() throws Exception {
    // As pac4j does: HEADs, nothing read after them, then a GET, all on one kept-alive connection.
    for (int i = 0; i < 3; i++) {
      HttpURLConnection head = (HttpURLConnection) qf.discoveryUrl().toURL().openConnection();
      head.setRequestMethod("HEAD");
      assertEquals(200, head.getResponseCode(), "HEAD " + i);
      assertTrue(head.getContentLengthLong() > 0, "the GET's Content-Length");
    }
    HttpURLConnection get = (HttpURLConnection) qf.discoveryUrl().toURL().openConnection();
    assertEquals(200, get.getResponseCode());
    try (InputStream body = get.getInputStream()) {
      assertEquals(qf.issuer(), FlowDriver.JSON.readTree(body).get("issuer").asText());
    }
  }

  @Test
  void unknownPath_default_notFoundAndMockRoutesUnreachable() {
    assertEquals(
        404,
        FlowDriver.get(URI.create(qf.authBaseUrl() + "/default/.well-known/openid-configuration"))
            .statusCode());
    assertEquals(
        404, FlowDriver.get(URI.create(qf.authBaseUrl() + "/default/debugger")).statusCode());
    assertEquals(200, FlowDriver.get(URI.create(qf.authBaseUrl() + "/")).statusCode());
  }
}
