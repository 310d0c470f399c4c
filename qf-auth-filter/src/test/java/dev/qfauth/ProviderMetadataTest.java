package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ProviderMetadataTest {
  private static final URI BASE = URI.create("https://prelive-oauth2.quran.foundation");
  private static final String B = BASE.toString();

  /** What Hydra publishes, trimmed to the fields the filter reads. */
  private static ObjectNode hydra() {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("issuer", B + "/");
    doc.put("authorization_endpoint", B + "/oauth2/auth");
    doc.put("token_endpoint", B + "/oauth2/token");
    doc.put("jwks_uri", B + "/.well-known/jwks.json");
    doc.put("revocation_endpoint", B + "/oauth2/revoke");
    doc.put("end_session_endpoint", B + "/oauth2/sessions/logout");
    doc.putArray("id_token_signing_alg_values_supported").add("RS256");
    doc.putArray("scopes_supported").add("offline_access").add("offline").add("openid");
    return doc;
  }

  private static ObjectNode hydra(Consumer<ObjectNode> change) {
    ObjectNode doc = hydra();
    change.accept(doc);
    return doc;
  }

  @Test
  void parse_hydraDocument_allEndpoints() {
    ProviderMetadata m = ProviderMetadata.parse(hydra(), BASE, true);
    assertEquals(B + "/", m.issuer());
    assertEquals(URI.create(B + "/oauth2/auth"), m.authorizationEndpoint());
    assertEquals(URI.create(B + "/oauth2/token"), m.tokenEndpoint());
    assertEquals(URI.create(B + "/.well-known/jwks.json"), m.jwksUri());
    assertEquals(URI.create(B + "/oauth2/revoke"), m.revocationEndpoint());
    assertEquals(URI.create(B + "/oauth2/sessions/logout"), m.endSessionEndpoint());
    assertEquals(Set.of(JWSAlgorithm.RS256), m.idTokenAlgorithms());
    assertFalse(m.issuerParameterSupported());
  }

  @Test
  void parse_issuerWithoutSlash_keptVerbatim() {
    ProviderMetadata m = ProviderMetadata.parse(hydra(d -> d.put("issuer", B)), BASE, true);
    assertEquals(B, m.issuer());
  }

  @Test
  void parse_optionalEndpointsAbsent_null() {
    ProviderMetadata m =
        ProviderMetadata.parse(
            hydra(d -> d.remove(java.util.List.of("revocation_endpoint", "end_session_endpoint"))),
            BASE,
            true);
    assertNull(m.revocationEndpoint());
    assertNull(m.endSessionEndpoint());
  }

  @Test
  void parse_algorithmsAbsent_rs256Default() {
    ProviderMetadata m =
        ProviderMetadata.parse(
            hydra(d -> d.remove("id_token_signing_alg_values_supported")), BASE, true);
    assertEquals(Set.of(JWSAlgorithm.RS256), m.idTokenAlgorithms());
  }

  @Test
  void parse_mixedAlgorithms_onlyAsymmetricKept() {
    ProviderMetadata m =
        ProviderMetadata.parse(
            hydra(
                d ->
                    d.putArray("id_token_signing_alg_values_supported")
                        .add("none")
                        .add("HS256")
                        .add("HS512")
                        .add("ES256")
                        .add("RS256")
                        .add("EdDSA")),
            BASE,
            true);
    assertEquals(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), m.idTokenAlgorithms());
  }

  @Test
  void parse_issParameterSupported_read() {
    assertTrue(
        ProviderMetadata.parse(
                hydra(d -> d.put("authorization_response_iss_parameter_supported", true)),
                BASE,
                true)
            .issuerParameterSupported());
  }

  @Test
  void parse_httpAllowedOutsideProduction() {
    URI local = URI.create("http://127.0.0.1:4444");
    assertEquals(local.toString(), ProviderMetadata.parse(minimal(local), local, false).issuer());
  }

  static Stream<Arguments> rejectedDocuments() {
    return Stream.of(
        // issuer (OIDC Discovery 4.3: must match the issuer the configuration was fetched for)
        bad("issuer missing", d -> d.remove("issuer")),
        bad("issuer not a string", d -> d.putArray("issuer").add(B)),
        bad("issuer of production", d -> d.put("issuer", "https://oauth2.quran.foundation/")),
        bad("issuer on another host", d -> d.put("issuer", "https://evil.example/")),
        bad("issuer with a path", d -> d.put("issuer", B + "/tenant")),
        bad("issuer with two slashes", d -> d.put("issuer", B + "//")),
        bad("issuer over http", d -> d.put("issuer", "http://prelive-oauth2.quran.foundation")),
        bad("issuer with a port", d -> d.put("issuer", B + ":8443")),
        bad("issuer differs in case", d -> d.put("issuer", B.toUpperCase(java.util.Locale.ROOT))),
        // endpoints on another origin could hand codes, verifiers or the secret to someone else
        bad(
            "token endpoint on another host",
            d -> d.put("token_endpoint", "https://evil.example/oauth2/token")),
        bad(
            "token endpoint on a sub-domain",
            d ->
                d.put(
                    "token_endpoint", "https://evil.prelive-oauth2.quran.foundation/oauth2/token")),
        bad(
            "token endpoint on a look-alike suffix",
            d -> d.put("token_endpoint", B + ".evil.example/oauth2/token")),
        bad(
            "token endpoint on another port",
            d -> d.put("token_endpoint", B + ":8443/oauth2/token")),
        bad(
            "token endpoint over http",
            d -> d.put("token_endpoint", "http://prelive-oauth2.quran.foundation/oauth2/token")),
        bad("token endpoint relative", d -> d.put("token_endpoint", "/oauth2/token")),
        bad(
            "token endpoint scheme-relative",
            d -> d.put("token_endpoint", "//evil.example/oauth2/token")),
        bad("token endpoint not a URI", d -> d.put("token_endpoint", "https://exa mple/ token")),
        bad(
            "token endpoint with userinfo on another host",
            d -> d.put("token_endpoint", "https://prelive-oauth2.quran.foundation@evil.example/t")),
        bad(
            "authorization endpoint on another host",
            d -> d.put("authorization_endpoint", "https://evil.example/oauth2/auth")),
        bad(
            "authorization endpoint javascript:",
            d -> d.put("authorization_endpoint", "javascript:alert(1)")),
        bad("jwks_uri on another host", d -> d.put("jwks_uri", "https://evil.example/jwks.json")),
        bad("jwks_uri file:", d -> d.put("jwks_uri", "file:///etc/passwd")),
        bad(
            "revocation endpoint on another host",
            d -> d.put("revocation_endpoint", "https://evil.example/oauth2/revoke")),
        bad(
            "end-session endpoint on another host",
            d -> d.put("end_session_endpoint", "https://evil.example/logout")),
        // required endpoints missing or not strings
        bad("no authorization endpoint", d -> d.remove("authorization_endpoint")),
        bad("no token endpoint", d -> d.remove("token_endpoint")),
        bad("no jwks_uri", d -> d.remove("jwks_uri")),
        bad("token endpoint a number", d -> d.put("token_endpoint", 42)),
        bad("token endpoint null", d -> d.putNull("token_endpoint")),
        // algorithms
        bad("only none", d -> d.putArray("id_token_signing_alg_values_supported").add("none")),
        bad("only HS256", d -> d.putArray("id_token_signing_alg_values_supported").add("HS256")),
        bad(
            "only symmetric and none",
            d ->
                d.putArray("id_token_signing_alg_values_supported")
                    .add("HS256")
                    .add("HS384")
                    .add("HS512")
                    .add("none")),
        bad("empty algorithm list", d -> d.putArray("id_token_signing_alg_values_supported")),
        bad(
            "unknown algorithm only",
            d -> d.putArray("id_token_signing_alg_values_supported").add("RS257")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedDocuments")
  void parse_badDocument_rejectedAsProviderUnavailable(String name, Consumer<ObjectNode> change) {
    SignInException e =
        assertThrows(
            SignInException.class, () -> ProviderMetadata.parse(hydra(change), BASE, true));
    assertEquals(QfErrorCode.PROVIDER_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().startsWith("Provider discovery rejected: "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "[{\"issuer\":\"x\"}]",
        "\"issuer\"",
        "42",
        "null",
        "{\"issuer\":"
      })
  void parse_garbage_rejected(String body) {
    SignInException e =
        assertThrows(
            SignInException.class,
            () -> ProviderMetadata.parse(Json.parseOrNull(body), BASE, true));
    assertEquals(QfErrorCode.PROVIDER_UNAVAILABLE, e.code());
  }

  @Test
  void parse_nullDocument_rejected() {
    assertThrows(SignInException.class, () -> ProviderMetadata.parse(null, BASE, true));
  }

  @Test
  void parse_httpEndpointInProduction_rejected() {
    // Same origin as an http base, but production requires https throughout.
    URI httpBase = URI.create("http://oauth2.example");
    SignInException e =
        assertThrows(
            SignInException.class, () -> ProviderMetadata.parse(minimal(httpBase), httpBase, true));
    assertTrue(e.getMessage().contains("must use https in production"), e.getMessage());
  }

  @Test
  void parse_rejectionMessage_controlCharactersFromDocumentStripped() {
    SignInException e =
        assertThrows(
            SignInException.class,
            () ->
                ProviderMetadata.parse(
                    hydra(d -> d.put("issuer", "https://evil\r\nFORGED")), BASE, true));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void parse_explicitDefaultPort_sameOrigin() {
    ProviderMetadata m =
        ProviderMetadata.parse(
            hydra(
                d ->
                    d.put(
                        "token_endpoint",
                        "https://PRELIVE-oauth2.quran.foundation:443/oauth2/token")),
            BASE,
            true);
    assertEquals(443, m.tokenEndpoint().getPort());
  }

  /** A document with only the required members, every endpoint on {@code issuer}'s origin. */
  private static ObjectNode minimal(URI issuer) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("issuer", issuer.toString());
    doc.put("authorization_endpoint", issuer + "/oauth2/auth");
    doc.put("token_endpoint", issuer + "/oauth2/token");
    doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
    return doc;
  }

  private static Arguments bad(String name, Consumer<ObjectNode> change) {
    return Arguments.of(name, change);
  }
}
