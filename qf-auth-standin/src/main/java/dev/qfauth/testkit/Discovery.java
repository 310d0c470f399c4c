package dev.qfauth.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The OIDC discovery document, shaped like Hydra's but listing only what the stand-in supports. */
final class Discovery {
  private Discovery() {}

  static Map<String, Object> document(Endpoints endpoints) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", endpoints.issuer());
    doc.put("authorization_endpoint", endpoints.url(Endpoints.AUTHORIZE));
    doc.put("token_endpoint", endpoints.url(Endpoints.TOKEN));
    doc.put("jwks_uri", endpoints.url(Endpoints.JWKS));
    doc.put("userinfo_endpoint", endpoints.url(Endpoints.USERINFO));
    doc.put("revocation_endpoint", endpoints.url(Endpoints.REVOKE));
    doc.put("end_session_endpoint", endpoints.url(Endpoints.END_SESSION));
    doc.put("subject_types_supported", List.of("public"));
    doc.put("response_types_supported", List.of("code"));
    doc.put("response_modes_supported", List.of("query"));
    doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
    doc.put("scopes_supported", new ArrayList<>(new TreeSet<>(QfTestClient.DEFAULT_SCOPES)));
    doc.put(
        "claims_supported",
        List.of(
            "sub",
            "iss",
            "aud",
            "azp",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "sid",
            "at_hash",
            "email",
            "name",
            "first_name",
            "last_name"));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    doc.put("userinfo_signing_alg_values_supported", List.of("none"));
    doc.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_post", "client_secret_basic", "none"));
    doc.put(
        "revocation_endpoint_auth_methods_supported",
        List.of("client_secret_post", "client_secret_basic", "none"));
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put("request_parameter_supported", false);
    doc.put("request_uri_parameter_supported", false);
    doc.put("claims_parameter_supported", false);
    doc.put("frontchannel_logout_supported", false);
    doc.put("backchannel_logout_supported", false);
    return doc;
  }
}
