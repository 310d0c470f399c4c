package dev.qfauth.testkit;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.mockwebserver.MockResponse;

/** The {@link QfDefect.Family#DISCOVERY} defects, and the attacker's own discovery document. */
final class DiscoveryTamperer {
  private final HostileState state;

  DiscoveryTamperer(HostileState state) {
    this.state = state;
  }

  MockResponse answer(Supplier<OAuth2HttpResponse> genuine) {
    QfDefect defect = state.defect(QfDefect.Family.DISCOVERY);
    if (defect == null) {
      return StandInDispatcher.toMock(genuine.get());
    }
    return switch (defect) {
      case DISCOVERY_NOT_JSON -> RawAnswers.html(200);
      case DISCOVERY_JSON_ARRAY -> RawAnswers.text(200, RawAnswers.JSON_TYPE, "[\"issuer\"]");
      case DISCOVERY_TRUNCATED ->
          RawAnswers.text(200, RawAnswers.JSON_TYPE, "{\"issuer\":\"" + state.issuer);
      case DISCOVERY_HUGE -> RawAnswers.huge(RawAnswers.JSON_TYPE);
      case DISCOVERY_NEVER_ENDING -> RawAnswers.neverEnding(RawAnswers.JSON_TYPE, state.staller);
      case DISCOVERY_REDIRECTED ->
          RawAnswers.redirect(302, state.attackerBase + Endpoints.DISCOVERY);
      case DISCOVERY_SERVER_ERROR -> RawAnswers.html(500);
      case DISCOVERY_CONNECTION_DROPPED -> RawAnswers.dropped();
      default -> {
        OAuth2HttpResponse response = genuine.get();
        Map<String, Object> doc = document(state.authBase, state.issuer);
        spoil(defect, doc);
        yield RawAnswers.withBody(response, doc);
      }
    };
  }

  private void spoil(QfDefect defect, Map<String, Object> doc) {
    String attacker = state.attackerBase;
    switch (defect) {
      case DISCOVERY_ISSUER_MISMATCH -> doc.put("issuer", attacker + "/");
      case DISCOVERY_ISSUER_MISSING -> doc.remove("issuer");
      case DISCOVERY_AUTHORIZATION_ENDPOINT_OTHER_HOST ->
          doc.put("authorization_endpoint", attacker + Endpoints.AUTHORIZE);
      case DISCOVERY_TOKEN_ENDPOINT_OTHER_HOST ->
          doc.put("token_endpoint", attacker + Endpoints.TOKEN);
      case DISCOVERY_JWKS_URI_OTHER_HOST -> doc.put("jwks_uri", attacker + "/jwks.json");
      case DISCOVERY_REVOCATION_ENDPOINT_OTHER_HOST ->
          doc.put("revocation_endpoint", attacker + Endpoints.REVOKE);
      case DISCOVERY_END_SESSION_ENDPOINT_OTHER_HOST ->
          doc.put("end_session_endpoint", attacker + Endpoints.END_SESSION);
      case DISCOVERY_ENDPOINT_OTHER_PORT ->
          doc.put("token_endpoint", "http://" + state.host + ":" + otherPort() + Endpoints.TOKEN);
      case DISCOVERY_ENDPOINT_OTHER_SCHEME ->
          doc.put("token_endpoint", "https://" + state.host + ":" + state.port + Endpoints.TOKEN);
      case DISCOVERY_TOKEN_ENDPOINT_MISSING -> doc.remove("token_endpoint");
      case DISCOVERY_JWKS_URI_MISSING -> doc.remove("jwks_uri");
      case DISCOVERY_ONLY_WEAK_ALGORITHMS ->
          doc.put("id_token_signing_alg_values_supported", List.of("HS256", "none"));
      case DISCOVERY_PROMISES_ISS_PARAMETER ->
          doc.put("authorization_response_iss_parameter_supported", true);
      default -> throw new IllegalStateException("not a discovery defect: " + defect);
    }
  }

  private int otherPort() {
    return state.port == 65535 ? state.port - 1 : state.port + 1;
  }

  /** A discovery document whose every endpoint belongs to the attacker. */
  Map<String, Object> attackerDocument() {
    String base = state.attackerBase;
    Map<String, Object> doc = document(base, base + "/");
    doc.put("jwks_uri", base + "/jwks.json");
    return doc;
  }

  /** The stand-in's discovery document for a server at {@code base}: a new map, free to spoil. */
  private static Map<String, Object> document(String base, String issuer) {
    return Discovery.document(new Endpoints(base, issuer, base + Endpoints.API));
  }
}
