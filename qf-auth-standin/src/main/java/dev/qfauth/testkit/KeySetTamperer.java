package dev.qfauth.testkit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.mockwebserver.MockResponse;

/**
 * The JWKS side of the {@link QfDefect.Family#KEYS} defects, and the attacker's own JWKS. While the
 * hostile provider is installed the JWKS also publishes {@link HostileKeys#good()}, which signs the
 * forged ID tokens of the other families.
 */
final class KeySetTamperer {
  static final String USE_ENC_KID = "hostile-use-enc";
  static final String OPS_ENCRYPT_KID = "hostile-ops-encrypt";
  static final String ALG_RS512_KID = "hostile-alg-rs512";
  static final String MALFORMED_KID = "hostile-malformed";

  private final HostileState state;

  KeySetTamperer(HostileState state) {
    this.state = state;
  }

  MockResponse answer(Supplier<OAuth2HttpResponse> genuine) {
    QfDefect defect = state.defect(QfDefect.Family.KEYS);
    if (defect != null) {
      switch (defect) {
        case KEYS_JWKS_DOWN:
          return RawAnswers.html(503);
        case KEYS_JWKS_NOT_JSON:
          return RawAnswers.html(200);
        case KEYS_JWKS_EMPTY:
          return RawAnswers.json(200, Map.of("keys", List.of()));
        case KEYS_JWKS_HUGE:
          return RawAnswers.huge("application/json");
        case KEYS_JWKS_NEVER_ENDING:
          return RawAnswers.neverEnding("application/json", state.staller);
        case KEYS_JWKS_REDIRECTED:
          return RawAnswers.redirect(307, state.attackerBase + "/jwks.json");
        default:
          break;
      }
    }
    OAuth2HttpResponse response = genuine.get();
    List<Map<String, Object>> keys = new ArrayList<>();
    try {
      JWKSet.parse(response.getBody()).getKeys().forEach(k -> keys.add(k.toJSONObject()));
    } catch (ParseException e) {
      return StandInDispatcher.toMock(response);
    }
    keys.add(state.keys.good().toPublicJWK().toJSONObject());
    Map<String, Object> extra = defect == null ? null : published(defect);
    if (extra != null) {
      keys.add(extra);
    }
    return RawAnswers.withBody(response, Map.of("keys", keys));
  }

  /** The extra key a KEYS defect publishes, or null. */
  private Map<String, Object> published(QfDefect defect) {
    HostileKeys k = state.keys;
    JWK key =
        switch (defect) {
          case KEYS_ROTATED -> state.rotated().toPublicJWK();
          case KEYS_USE_ENC -> spare(USE_ENC_KID).keyUse(KeyUse.ENCRYPTION).build();
          case KEYS_OPS_ENCRYPT_ONLY ->
              spare(OPS_ENCRYPT_KID).keyOperations(Set.of(KeyOperation.ENCRYPT)).build();
          case KEYS_ALG_MISMATCH ->
              spare(ALG_RS512_KID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS512).build();
          case KEYS_TYPE_MISMATCH -> k.ec().toPublicJWK();
          case KEYS_RSA_1024 ->
              new RSAKey.Builder(k.weak().toPublicJWK()).keyUse(KeyUse.SIGNATURE).build();
          case KEYS_JWKS_MALFORMED_KEY -> spare(MALFORMED_KID).build();
          default -> null; // the defect is in the token alone
        };
    if (key == null) {
      return null;
    }
    Map<String, Object> json = key.toJSONObject();
    if (defect == QfDefect.KEYS_JWKS_MALFORMED_KEY) {
      json.remove("n");
    }
    return json;
  }

  private RSAKey.Builder spare(String kid) {
    return new RSAKey.Builder(state.keys.spare().toPublicJWK()).keyID(kid);
  }

  /** The attacker's JWKS: keys the provider never published, one under a published kid. */
  Map<String, Object> attackerJwks() {
    return Map.of(
        "keys",
        List.of(
            state.keys.attacker().toPublicJWK().toJSONObject(),
            state.keys.attackerWithGoodKid().toPublicJWK().toJSONObject()));
  }
}
