package dev.qfauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * WireMock in QF's place, for exact wire checks and for answers the strict stand-in ({@link
 * StandInFixture}, {@code QfStandIn}) never gives: hand-made token bodies (no {@code scope}, no
 * refresh token, an ID token for another user), swapped discovery and JWKS documents with chosen
 * algorithms and keys, an attacker's JWKS, per-path request counts. Behaviour tests (sign-in,
 * refresh, logout, the exchange) run on the stand-in instead.
 *
 * <p>Serves discovery, JWKS, token and revocation endpoints and User API stubs, with ID tokens
 * signed by a test RSA key. Tests set the token endpoint's next answer, e.g. with the nonce read
 * from the login redirect.
 */
final class FakeQf implements AutoCloseable {
  static final String CLIENT_ID = "test-client";

  /** Characters Hydra decodes after base64 (RFC 6749 2.3.1), to prove the encoding. */
  static final String CLIENT_SECRET = "s3cr+t%:/value";

  final WireMockServer server;
  final RSAKey key;
  final String issuer;

  FakeQf() {
    try {
      this.key = new RSAKeyGenerator(2048).keyID("hydra.openid.id-token-test").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    this.issuer = base() + "/";
    stubDiscovery(issuer);
    server.stubFor(
        get(urlEqualTo("/.well-known/jwks.json"))
            .willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
    server.stubFor(post(urlEqualTo("/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  void stubDiscovery(String issuer) {
    server.stubFor(
        get(urlEqualTo("/.well-known/openid-configuration"))
            .willReturn(
                okJson(
                    """
        {"issuer":"%1$s",
         "authorization_endpoint":"%2$s/oauth2/auth",
         "token_endpoint":"%2$s/oauth2/token",
         "jwks_uri":"%2$s/.well-known/jwks.json",
         "revocation_endpoint":"%2$s/oauth2/revoke",
         "end_session_endpoint":"%2$s/oauth2/sessions/logout",
         "id_token_signing_alg_values_supported":["RS256"],
         "scopes_supported":["openid","offline_access","offline","user","collection"]}
        """
                        .formatted(issuer, base()))));
  }

  /** Claims of a valid ID token for {@code sub} with {@code nonce}; tests tweak them. */
  JWTClaimsSet.Builder claims(String sub, String nonce) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(sub)
        .audience(List.of(CLIENT_ID))
        .claim("azp", CLIENT_ID)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("nonce", nonce)
        .claim("sid", "sid-" + sub)
        .claim("email", sub + "@example.test")
        .claim("name", "User " + sub)
        .claim("first_name", "User");
  }

  String sign(JWTClaimsSet claims) {
    return sign(claims, key);
  }

  static String sign(JWTClaimsSet claims, RSAKey with) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(with.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token endpoint JSON answer with the given tokens. */
  static String tokenJson(
      String access, String refresh, String idToken, long expiresIn, String scope) {
    StringBuilder json =
        new StringBuilder("{\"access_token\":\"")
            .append(access)
            .append("\",\"token_type\":\"bearer\",\"expires_in\":")
            .append(expiresIn);
    if (refresh != null) {
      json.append(",\"refresh_token\":\"").append(refresh).append('"');
    }
    if (idToken != null) {
      json.append(",\"id_token\":\"").append(idToken).append('"');
    }
    return json.append(",\"scope\":\"").append(scope).append("\"}").toString();
  }

  /** The token endpoint answers every authorization_code grant with {@code response}. */
  void onCodeExchange(ResponseDefinitionBuilder response) {
    server.stubFor(tokenGrant("authorization_code").willReturn(response));
  }

  /** The token endpoint answers every refresh_token grant with {@code response}. */
  void onRefresh(ResponseDefinitionBuilder response) {
    server.stubFor(tokenGrant("refresh_token").willReturn(response));
  }

  private static MappingBuilder tokenGrant(String grant) {
    return post(urlEqualTo("/oauth2/token"))
        .withRequestBody(WireMock.containing("grant_type=" + grant));
  }

  void onApi(String path, ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo(path)).willReturn(response));
  }

  void onApi(MappingBuilder mapping) {
    server.stubFor(mapping);
  }

  List<LoggedRequest> tokenRequests(String grant) {
    return server.findAll(
        postRequestedFor(urlEqualTo("/oauth2/token"))
            .withRequestBody(WireMock.containing("grant_type=" + grant)));
  }

  void with(Consumer<WireMockServer> change) {
    change.accept(server);
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          java.net.URLDecoder.decode(
              pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(
              pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  // ---- documents and answers a test swaps (unit tests of discovery, keys and refresh) ----------

  static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  static final String JWKS_PATH = "/.well-known/jwks.json";
  static final String ATTACKER_JWKS_PATH = "/attacker/jwks.json";
  static final String TOKEN_PATH = "/oauth2/token";

  private volatile String jwksBody;
  private volatile int jwksStatus = 200;
  private volatile int tokenStatus = 200;
  private volatile String tokenBody = "{}";
  private volatile int tokenDelayMillis;

  /** {@link #base()} as a URI. */
  URI baseUri() {
    return URI.create(base());
  }

  /** A Hydra-like discovery document for {@code issuer} with every endpoint on this server. */
  String discoveryFor(String issuer, List<String> idTokenAlgorithms) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("authorization_endpoint", base() + "/oauth2/auth");
    doc.put("token_endpoint", base() + TOKEN_PATH);
    doc.put("jwks_uri", base() + JWKS_PATH);
    doc.put("revocation_endpoint", base() + "/oauth2/revoke");
    doc.put("end_session_endpoint", base() + "/oauth2/sessions/logout");
    doc.put("id_token_signing_alg_values_supported", idTokenAlgorithms);
    doc.put("scopes_supported", List.of("offline_access", "offline", "openid"));
    return Json.write(doc);
  }

  /** Serves {@code json} as the discovery document from now on. */
  void discovery(String json) {
    serveJson(DISCOVERY_PATH, 200, json);
  }

  /** Serves {@code json} as the JWKS from now on, with the current {@link #jwksStatus}. */
  void jwks(String json) {
    jwksBody = json;
    serveJson(JWKS_PATH, jwksStatus, json);
  }

  /** The JWKS endpoint's status from now on (200 by default; 503 for a keys outage). */
  void jwksStatus(int status) {
    jwksStatus = status;
    serveJson(JWKS_PATH, status, jwksBody == null ? "{\"keys\":[]}" : jwksBody);
  }

  /** The key set at {@link #ATTACKER_JWKS_PATH}, which a careful client never fetches. */
  void attackerJwks(String json) {
    serveJson(ATTACKER_JWKS_PATH, 200, json);
  }

  /** What the token endpoint answers to every grant from now on. */
  void tokenResponse(int status, String body) {
    tokenStatus = status;
    tokenBody = body;
    stubToken();
  }

  /** How long the token endpoint waits before answering, from now on. */
  void tokenDelay(int millis) {
    tokenDelayMillis = millis;
    stubToken();
  }

  /** The form body of the last token request, or null. */
  String lastTokenRequest() {
    List<LoggedRequest> all = server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
    return all.isEmpty() ? null : all.get(all.size() - 1).getBodyAsString();
  }

  /** Requests to {@code path} since start or {@link #resetHits()}. */
  int hits(String path) {
    return server
        .countRequestsMatching(WireMock.anyRequestedFor(urlPathEqualTo(path)).build())
        .getCount();
  }

  /** Forgets every request received so far (the stubs stay). */
  void resetHits() {
    server.resetRequests();
  }

  private void stubToken() {
    server.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .willReturn(
                aResponse()
                    .withStatus(tokenStatus)
                    .withHeader("Content-Type", "application/json")
                    .withBody(tokenBody)
                    .withFixedDelay(tokenDelayMillis)));
  }

  private void serveJson(String path, int status, String json) {
    server.stubFor(
        get(urlEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(json)));
  }

  @Override
  public void close() {
    server.stop();
  }
}
