package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The parts of the provider's discovery document the filter uses, checked on arrival: the issuer
 * must be the configured auth base (QF's docs disagree on a trailing slash, so either form is
 * taken, and from then on {@code iss} is compared verbatim with this value), and every endpoint
 * must sit on the issuer's own origin.
 */
record ProviderMetadata(
    String issuer,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    URI jwksUri,
    URI revocationEndpoint,
    URI endSessionEndpoint,
    Set<JWSAlgorithm> idTokenAlgorithms,
    boolean issuerParameterSupported) {

  /** Asymmetric algorithms only: never {@code none}, never an HMAC keyed with the client secret. */
  private static final Set<JWSAlgorithm> ACCEPTABLE =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  static ProviderMetadata parse(JsonNode doc, URI authBase, boolean requireHttps) {
    if (doc == null || !doc.isObject()) {
      throw invalid("the discovery document is not a JSON object");
    }
    String issuer = Json.text(doc, "issuer");
    if (issuer == null) {
      throw invalid("the discovery document has no issuer");
    }
    String base = authBase.toString();
    if (!issuer.equals(base) && !issuer.equals(base + "/")) {
      throw invalid(
          "the discovery issuer '"
              + Redaction.printable(issuer, 200)
              + "' is not "
              + base
              + " (check QF_ENV / QF_AUTH_BASE_URL)");
    }
    URI origin = URI.create(base);
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    JsonNode advertised = doc.get("id_token_signing_alg_values_supported");
    if (advertised != null && advertised.isArray()) {
      advertised.forEach(
          a -> {
            JWSAlgorithm alg = JWSAlgorithm.parse(a.asText());
            if (ACCEPTABLE.contains(alg)) {
              algorithms.add(alg);
            }
          });
    } else {
      algorithms.add(JWSAlgorithm.RS256); // OIDC Discovery 3: RS256 is the default
    }
    if (algorithms.isEmpty()) {
      throw invalid("the provider signs ID tokens with no acceptable algorithm");
    }
    JsonNode issParam = doc.get("authorization_response_iss_parameter_supported");
    return new ProviderMetadata(
        issuer,
        endpoint(doc, "authorization_endpoint", origin, requireHttps, true),
        endpoint(doc, "token_endpoint", origin, requireHttps, true),
        endpoint(doc, "jwks_uri", origin, requireHttps, true),
        endpoint(doc, "revocation_endpoint", origin, requireHttps, false),
        endpoint(doc, "end_session_endpoint", origin, requireHttps, false),
        Set.copyOf(algorithms),
        issParam != null && issParam.asBoolean(false));
  }

  private static URI endpoint(
      JsonNode doc, String field, URI origin, boolean requireHttps, boolean required) {
    String text = Json.text(doc, field);
    if (text == null) {
      if (required) {
        throw invalid("the discovery document has no " + field);
      }
      return null;
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw invalid(field + " is not a URI");
    }
    // An endpoint on another host could hand our client secret or codes to a third party.
    if (!sameOrigin(uri, origin)) {
      throw invalid(field + " " + Redaction.printable(text, 200) + " is not on " + origin);
    }
    if (requireHttps && !"https".equals(uri.getScheme())) {
      throw invalid(field + " must use https in production");
    }
    return uri;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static SignInException invalid(String why) {
    return SignInException.providerUnavailable("Provider discovery rejected: " + why);
  }
}
