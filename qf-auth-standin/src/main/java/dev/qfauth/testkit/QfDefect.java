package dev.qfauth.testkit;

import java.util.Arrays;
import java.util.List;

/**
 * One way a hostile or broken Quran.Foundation provider can misbehave, with everything else about
 * the provider left valid. Inject one with {@link QfHostileProvider#inject(QfDefect)} and check
 * that the application under test {@linkplain #expectation() reacts as it must}: a sign-in or API
 * call that fails cleanly (no session, no token stored, no secret logged, bounded time), or that
 * still works where the standard allows the deviation.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(QfDefect.class)
 * void everyDefectIsHandled(QfDefect defect) {
 *   hostile.inject(defect);
 *   // start the application now if defect.freshStart(); then sign in through it, and assert
 *   // defect.expectation() ...
 * }
 * }</pre>
 *
 * <p>The relying party caches discovery and keys, so a {@link Family#DISCOVERY} or {@link
 * Family#KEYS} defect only shows in an application (or client) started after it was injected: see
 * {@link #freshStart()}.
 */
public enum QfDefect {

  // ---- CALLBACK_*: CALLBACK -------------------------------------------------------------------
  /** The authorization response carries no state. */
  CALLBACK_STATE_MISSING(
      "RFC 6749 4.1.2, 10.12; RFC 9700 4.7.1", "The authorization response carries no state."),
  /** The authorization response carries a state the client never issued. */
  CALLBACK_STATE_WRONG(
      "RFC 6749 10.12; RFC 9700 4.7.1",
      "The authorization response carries a state the client never issued."),
  /** state appears twice: the issued value, then another. */
  CALLBACK_STATE_DUPLICATED("RFC 6749 3.1", "state appears twice: the issued value, then another."),
  /** state is replaced by HTML markup. */
  CALLBACK_STATE_MARKUP("RFC 6749 10.14", "state is replaced by HTML markup."),
  /** The authorization response has the issued state but neither code nor error. */
  CALLBACK_CODE_MISSING(
      "RFC 6749 4.1.2",
      "The authorization response has the issued state but neither code nor error."),
  /** code appears twice: the issued value, then another. */
  CALLBACK_CODE_DUPLICATED("RFC 6749 3.1", "code appears twice: the issued value, then another."),
  /** code is 5,000 characters long. */
  CALLBACK_CODE_OVERSIZED("RFC 6749 10.14", "code is 5,000 characters long."),
  /** code carries CR LF and a header line. */
  CALLBACK_CODE_CONTROL_CHARACTERS("RFC 6749 A.11, 10.14", "code carries CR LF and a header line."),
  /** code is replaced by HTML markup (characters RFC 6749 allows in a code). */
  CALLBACK_CODE_MARKUP(
      "RFC 6749 A.11, 10.14",
      "code is replaced by HTML markup (characters RFC 6749 allows in a code)."),
  /** error=access_denied with the issued state. */
  CALLBACK_ERROR_WITH_STATE("RFC 6749 4.1.2.1", "error=access_denied with the issued state."),
  /** error=access_denied without any state. */
  CALLBACK_ERROR_WITHOUT_STATE("RFC 6749 4.1.2.1, 10.12", "error=access_denied without any state."),
  /** Both error=access_denied and the issued code, with the issued state. */
  CALLBACK_ERROR_AND_CODE(
      "RFC 6749 4.1.2, 4.1.2.1",
      "Both error=access_denied and the issued code, with the issued state."),
  /** error_description is an HTML/script payload. */
  CALLBACK_ERROR_DESCRIPTION_MARKUP(
      "RFC 6749 4.1.2.1, 10.14", "error_description is an HTML/script payload."),
  /** error_description carries CR LF, a forged log line, U+2028 and a bidi override. */
  CALLBACK_ERROR_DESCRIPTION_LOG_FORGING(
      "RFC 6749 4.1.2.1, 10.14",
      "error_description carries CR LF, a forged log line, U+2028 and a bidi override."),
  /** The authorization response names another issuer in iss (mix-up). */
  CALLBACK_ISS_WRONG(
      "RFC 9207 2.4", "The authorization response names another issuer in iss (mix-up)."),
  /** The authorization response carries iss equal to the issuer. */
  CALLBACK_ISS_CORRECT(
      Expectation.SUCCEEDS,
      "RFC 9207 2.4",
      "The authorization response carries iss equal to the issuer."),
  /**
   * A forged access_token and id_token are added to the authorization response; only the code may
   * be used.
   */
  CALLBACK_FRONT_CHANNEL_TOKENS(
      Expectation.SUCCEEDS,
      "RFC 9700 2.1.2",
      "A forged access_token and id_token are added to the authorization response; only the code"
          + " may be used."),

  // ---- ID_TOKEN_*: ID_TOKEN -------------------------------------------------------------------
  /** The token response has no id_token. */
  ID_TOKEN_MISSING("OIDC Core 3.1.3.3", "The token response has no id_token."),
  /** id_token is not a JWT. */
  ID_TOKEN_NOT_A_JWT("OIDC Core 2, 3.1.3.7", "id_token is not a JWT."),
  /** id_token is a JWE although the client registered no encryption. */
  ID_TOKEN_ENCRYPTED(
      "OIDC Core 3.1.3.7 step 1",
      "id_token is a JWE although the client registered no encryption."),
  /** id_token is unsigned (alg none). */
  ID_TOKEN_ALG_NONE(
      "RFC 8725 2.1, 3.1; OIDC Core 3.1.3.7 step 6", "id_token is unsigned (alg none)."),
  /** id_token says RS256 but has an empty signature. */
  ID_TOKEN_SIGNATURE_STRIPPED(
      "OIDC Core 3.1.3.7 step 6; RFC 8725 3.3", "id_token says RS256 but has an empty signature."),
  /** id_token's payload is changed (sub=admin) after signing. */
  ID_TOKEN_PAYLOAD_ALTERED(
      "OIDC Core 3.1.3.7 step 6", "id_token's payload is changed (sub=admin) after signing."),
  /** id_token is signed by an attacker key under the kid of a published key. */
  ID_TOKEN_SIGNED_BY_UNPUBLISHED_KEY(
      "OIDC Core 3.1.3.7 step 6",
      "id_token is signed by an attacker key under the kid of a published key."),
  /** id_token is HS256, keyed with the client secret. */
  ID_TOKEN_ALG_HS256_CLIENT_SECRET(
      "RFC 8725 3.1; OIDC Core 3.1.3.7 steps 7-8",
      "id_token is HS256, keyed with the client secret."),
  /** id_token is HS256, keyed with the provider's RSA public key (algorithm confusion). */
  ID_TOKEN_ALG_HS256_PUBLIC_KEY(
      "RFC 8725 2.1, 3.1",
      "id_token is HS256, keyed with the provider's RSA public key (algorithm confusion)."),
  /** id_token is RS512 (a published key, but discovery advertises RS256 only). */
  ID_TOKEN_ALG_NOT_ADVERTISED(
      "RFC 8725 3.1; OIDC Core 3.1.3.7 step 7",
      "id_token is RS512 (a published key, but discovery advertises RS256 only)."),
  /** id_token is ES256, signed by an attacker EC key, naming a published RSA kid. */
  ID_TOKEN_ALG_ES256_UNDER_RSA_KID(
      "RFC 8725 3.1",
      "id_token is ES256, signed by an attacker EC key, naming a published RSA kid."),
  /** id_token's jku points at the attacker's JWKS, which holds the key that signed it. */
  ID_TOKEN_HEADER_JKU(
      "RFC 8725 2.9, 3.10; RFC 7515 4.1.2",
      "id_token's jku points at the attacker's JWKS, which holds the key that signed it."),
  /** id_token embeds the attacker's public key in jwk and is signed with it. */
  ID_TOKEN_HEADER_JWK(
      "RFC 8725 3.10; RFC 7515 4.1.3",
      "id_token embeds the attacker's public key in jwk and is signed with it."),
  /** id_token's x5u points at the attacker's certificate URL. */
  ID_TOKEN_HEADER_X5U(
      "RFC 8725 2.9, 3.10; RFC 7515 4.1.5",
      "id_token's x5u points at the attacker's certificate URL."),
  /** id_token marks an unknown header parameter as critical. */
  ID_TOKEN_HEADER_CRIT_UNKNOWN(
      "RFC 7515 4.1.11", "id_token marks an unknown header parameter as critical."),
  /** id_token is typed at+jwt. */
  ID_TOKEN_TYP_ACCESS_TOKEN("RFC 8725 3.11; RFC 9068 2.1", "id_token is typed at+jwt."),
  /** id_token is the response's own access token (a JWT signed by a published key). */
  ID_TOKEN_IS_THE_ACCESS_TOKEN(
      "RFC 8725 2.8, 3.12",
      "id_token is the response's own access token (a JWT signed by a published key)."),
  /** id_token has no iss. */
  ID_TOKEN_ISS_MISSING("OIDC Core 3.1.3.7 step 2", "id_token has no iss."),
  /** id_token's iss is another issuer (QF production). */
  ID_TOKEN_ISS_WRONG(
      "OIDC Core 3.1.3.7 step 2; RFC 8725 3.8",
      "id_token's iss is another issuer (QF production)."),
  /** id_token's iss is a number. */
  ID_TOKEN_ISS_NOT_A_STRING("OIDC Core 2, 3.1.3.7 step 2", "id_token's iss is a number."),
  /** id_token has no sub. */
  ID_TOKEN_SUB_MISSING("OIDC Core 2; RFC 8725 3.8", "id_token has no sub."),
  /** id_token's sub is the empty string. */
  ID_TOKEN_SUB_EMPTY("OIDC Core 2", "id_token's sub is the empty string."),
  /** id_token's sub is a JSON object. */
  ID_TOKEN_SUB_NOT_A_STRING("OIDC Core 2", "id_token's sub is a JSON object."),
  /** id_token has no aud. */
  ID_TOKEN_AUD_MISSING("OIDC Core 3.1.3.7 step 3", "id_token has no aud."),
  /** id_token's aud is another client. */
  ID_TOKEN_AUD_OTHER_CLIENT(
      "OIDC Core 3.1.3.7 step 3; RFC 8725 3.9", "id_token's aud is another client."),
  /** id_token's aud is a number. */
  ID_TOKEN_AUD_NOT_A_STRING("OIDC Core 2, 3.1.3.7 step 3", "id_token's aud is a number."),
  /** id_token has two audiences (this client and another) and no azp. */
  ID_TOKEN_AUD_SEVERAL_WITHOUT_AZP(
      "OIDC Core 3.1.3.7 step 4",
      "id_token has two audiences (this client and another) and no azp."),
  /** id_token's azp is another client. */
  ID_TOKEN_AZP_OTHER_CLIENT("OIDC Core 3.1.3.7 step 5", "id_token's azp is another client."),
  /** id_token has no exp. */
  ID_TOKEN_EXP_MISSING("OIDC Core 2, 3.1.3.7 step 9", "id_token has no exp."),
  /** id_token expired an hour ago. */
  ID_TOKEN_EXPIRED("OIDC Core 3.1.3.7 step 9", "id_token expired an hour ago."),
  /** id_token's exp is the string "tomorrow". */
  ID_TOKEN_EXP_NOT_A_NUMBER(
      "OIDC Core 2; RFC 7519 4.1.4", "id_token's exp is the string \"tomorrow\"."),
  /** id_token has no iat. */
  ID_TOKEN_IAT_MISSING("OIDC Core 2, 3.1.3.7 step 10", "id_token has no iat."),
  /** id_token's iat is an hour ahead. */
  ID_TOKEN_IAT_IN_THE_FUTURE("OIDC Core 3.1.3.7 step 10", "id_token's iat is an hour ahead."),
  /** id_token's iat is a string. */
  ID_TOKEN_IAT_NOT_A_NUMBER("OIDC Core 2; RFC 7519 4.1.6", "id_token's iat is a string."),
  /** id_token's nbf is an hour ahead. */
  ID_TOKEN_NBF_IN_THE_FUTURE("RFC 7519 4.1.5", "id_token's nbf is an hour ahead."),
  /** id_token's nbf is a string. */
  ID_TOKEN_NBF_NOT_A_NUMBER("RFC 7519 4.1.5", "id_token's nbf is a string."),
  /** id_token has no nonce although one was sent. */
  ID_TOKEN_NONCE_MISSING(
      "OIDC Core 3.1.3.7 step 11", "id_token has no nonce although one was sent."),
  /** id_token's nonce belongs to another sign-in. */
  ID_TOKEN_NONCE_WRONG("OIDC Core 3.1.3.7 step 11", "id_token's nonce belongs to another sign-in."),
  /** id_token's nonce is an array holding the right value. */
  ID_TOKEN_NONCE_NOT_A_STRING(
      "OIDC Core 3.1.3.7 step 11", "id_token's nonce is an array holding the right value."),
  /** id_token is the genuine ID token of an earlier sign-in, replayed. */
  ID_TOKEN_FROM_EARLIER_LOGIN(
      "OIDC Core 3.1.3.7 step 11, 15.5.2",
      "id_token is the genuine ID token of an earlier sign-in, replayed."),
  /** id_token's payload names iss twice: the real issuer first, an attacker last. */
  ID_TOKEN_DUPLICATE_CLAIM(
      "RFC 7519 4; RFC 8259 4",
      "id_token's payload names iss twice: the real issuer first, an attacker last."),
  /** id_token's JOSE header names kid twice: an unknown kid first, the published one last. */
  ID_TOKEN_HEADER_DUPLICATE_MEMBER(
      "RFC 7515 4; RFC 8259 4",
      "id_token's JOSE header names kid twice: an unknown kid first, the published one last."),
  /** id_token's genuine signature with "=" padding appended: the same octets, respelled. */
  ID_TOKEN_SIGNATURE_PADDED(
      "RFC 7515 2, 7.1",
      "id_token's genuine signature with \"=\" padding appended: the same octets, respelled."),
  /** id_token's genuine signature respelled in the standard base64 alphabet ("+" and "/"). */
  ID_TOKEN_SIGNATURE_STANDARD_ALPHABET(
      "RFC 7515 2, 7.1",
      "id_token's genuine signature respelled in the standard base64 alphabet (\"+\" and"
          + " \"/\")."),
  /** id_token's sub is 256 characters long. */
  ID_TOKEN_SUB_TOO_LONG("OIDC Core 2", "id_token's sub is 256 characters long."),
  /** id_token's sub carries CR LF and a forged log line. */
  ID_TOKEN_SUB_CONTROL_CHARACTERS(
      "OIDC Core 2", "id_token's sub carries CR LF and a forged log line."),
  /** id_token was issued a week ago, and its exp is an hour ahead. */
  ID_TOKEN_IAT_WEEK_OLD(
      "OIDC Core 3.1.3.7 step 10", "id_token was issued a week ago, and its exp is an hour ahead."),
  /** id_token's at_hash is that of another access token. */
  ID_TOKEN_AT_HASH_WRONG(
      "OIDC Core 3.1.3.8", "id_token's at_hash is that of another access token."),
  /** id_token has no at_hash (optional when the access token comes from the token endpoint). */
  ID_TOKEN_AT_HASH_MISSING(
      Expectation.SUCCEEDS,
      "OIDC Core 3.1.3.6, 3.1.3.8",
      "id_token has no at_hash (optional when the access token comes from the token endpoint)."),

  // ---- KEYS_*: KEYS ---------------------------------------------------------------------------
  /** A new signing key is published next to the old one and signs from now on. */
  KEYS_ROTATED(
      Expectation.SUCCEEDS,
      "OIDC Core 10.1.1",
      "A new signing key is published next to the old one and signs from now on."),
  /** ID tokens carry no kid, signed by a published key, while the JWKS holds several keys. */
  KEYS_KID_ABSENT(
      Expectation.EITHER,
      "OIDC Core 10.1",
      "ID tokens carry no kid, signed by a published key, while the JWKS holds several keys."),
  /** ID tokens carry no kid and are signed by an attacker key. */
  KEYS_KID_ABSENT_UNPUBLISHED_KEY(
      "OIDC Core 3.1.3.7 step 6", "ID tokens carry no kid and are signed by an attacker key."),
  /** ID tokens are signed by an attacker key under a fresh kid nobody publishes. */
  KEYS_KID_UNKNOWN(
      "OIDC Core 3.1.3.7 step 6, 10.1.1",
      "ID tokens are signed by an attacker key under a fresh kid nobody publishes."),
  /** The signing key is published with use=enc. */
  KEYS_USE_ENC("RFC 7517 4.2", "The signing key is published with use=enc."),
  /** The signing key is published with key_ops=[encrypt]. */
  KEYS_OPS_ENCRYPT_ONLY("RFC 7517 4.3", "The signing key is published with key_ops=[encrypt]."),
  /** The signing key is published for RS512; ID tokens are RS256. */
  KEYS_ALG_MISMATCH("RFC 7517 4.4", "The signing key is published for RS512; ID tokens are RS256."),
  /** ID tokens are RS256 under the kid of a published EC key. */
  KEYS_TYPE_MISMATCH(
      "RFC 7517 4.1; RFC 8725 3.1", "ID tokens are RS256 under the kid of a published EC key."),
  /** The signing key is a published 1024-bit RSA key. */
  KEYS_RSA_1024("RFC 7518 3.3; RFC 8725 3.5", "The signing key is a published 1024-bit RSA key."),
  /** The JWKS endpoint answers 503. */
  KEYS_JWKS_DOWN("OIDC Core 10.1.1", "The JWKS endpoint answers 503."),
  /** The JWKS endpoint answers an HTML page. */
  KEYS_JWKS_NOT_JSON("RFC 7517 5", "The JWKS endpoint answers an HTML page."),
  /** The JWKS is {"keys":[]}. */
  KEYS_JWKS_EMPTY("RFC 7517 5", "The JWKS is {\"keys\":[]}."),
  /** The signing key's JWK has no modulus. */
  KEYS_JWKS_MALFORMED_KEY("RFC 7518 6.3.1", "The signing key's JWK has no modulus."),
  /** The JWKS endpoint answers 4 MiB. */
  KEYS_JWKS_HUGE("bounded memory", "The JWKS endpoint answers 4 MiB."),
  /** The JWKS endpoint trickles its answer one byte at a time and never finishes. */
  KEYS_JWKS_NEVER_ENDING(
      "bounded time",
      "The JWKS endpoint trickles its answer one byte at a time and never finishes."),
  /**
   * The JWKS endpoint redirects (307) to an attacker JWKS on another host holding the key that
   * signed the ID token.
   */
  KEYS_JWKS_REDIRECTED(
      "RFC 8725 3.10; OIDC Discovery 3",
      "The JWKS endpoint redirects (307) to an attacker JWKS on another host holding the key that"
          + " signed the ID token."),

  // ---- TOKEN_*: TOKEN_ENDPOINT ----------------------------------------------------------------
  /** The token endpoint answers 200 with an HTML page. */
  TOKEN_NOT_JSON("RFC 6749 5.1", "The token endpoint answers 200 with an HTML page."),
  /** The token endpoint answers a JSON array. */
  TOKEN_JSON_ARRAY("RFC 6749 5.1", "The token endpoint answers a JSON array."),
  /** The token endpoint's JSON is cut off. */
  TOKEN_JSON_TRUNCATED("RFC 6749 5.1", "The token endpoint's JSON is cut off."),
  /** The token endpoint answers 200 with no body. */
  TOKEN_EMPTY_BODY("RFC 6749 5.1", "The token endpoint answers 200 with no body."),
  /** The token response has no access_token. */
  TOKEN_ACCESS_TOKEN_MISSING("RFC 6749 5.1", "The token response has no access_token."),
  /** access_token is a number. */
  TOKEN_ACCESS_TOKEN_NOT_A_STRING("RFC 6749 5.1, A.12", "access_token is a number."),
  /** The token response has no token_type. */
  TOKEN_TYPE_MISSING("RFC 6749 5.1", "The token response has no token_type."),
  /** token_type is DPoP, which the client never asked for. */
  TOKEN_TYPE_UNEXPECTED(
      "RFC 6749 5.1, 7.1", "token_type is DPoP, which the client never asked for."),
  /** expires_in is negative. */
  TOKEN_EXPIRES_IN_NEGATIVE("RFC 6749 5.1", "expires_in is negative."),
  /** expires_in is the string "soon". */
  TOKEN_EXPIRES_IN_NOT_A_NUMBER("RFC 6749 5.1", "expires_in is the string \"soon\"."),
  /** refresh_token is the empty string. */
  TOKEN_REFRESH_TOKEN_EMPTY("RFC 6749 A.17", "refresh_token is the empty string."),
  /** id_token is a JSON object. */
  TOKEN_ID_TOKEN_NOT_A_STRING("OIDC Core 3.1.3.3", "id_token is a JSON object."),
  /** 400 invalid_grant. */
  TOKEN_ERROR_INVALID_GRANT("RFC 6749 5.2", "400 invalid_grant."),
  /** 401 invalid_client. */
  TOKEN_ERROR_INVALID_CLIENT("RFC 6749 5.2", "401 invalid_client."),
  /** An OAuth error body with status 200. */
  TOKEN_ERROR_WITH_STATUS_200("RFC 6749 5.2", "An OAuth error body with status 200."),
  /**
   * 400 invalid_grant whose error_description echoes the code, the code verifier and the client
   * secret it received.
   */
  TOKEN_ERROR_ECHOES_SECRETS(
      "RFC 6749 10.1, 10.5; RFC 6819 5.1.4",
      "400 invalid_grant whose error_description echoes the code, the code verifier and the client"
          + " secret it received."),
  /** 400 whose error and error_description carry markup and CR LF. */
  TOKEN_ERROR_MARKUP(
      "RFC 6749 5.2, 10.14", "400 whose error and error_description carry markup and CR LF."),
  /** 500 with an HTML page. */
  TOKEN_SERVER_ERROR("RFC 6749 5.2", "500 with an HTML page."),
  /** 503 with Retry-After, from a gateway. */
  TOKEN_UNAVAILABLE("RFC 9110 15.6.4", "503 with Retry-After, from a gateway."),
  /** 307 to another host, which would receive the code, verifier and credentials again. */
  TOKEN_REDIRECTED(
      "RFC 6819 4.3.3",
      "307 to another host, which would receive the code, verifier and credentials again."),
  /** The token endpoint answers 4 MiB. */
  TOKEN_HUGE("bounded memory", "The token endpoint answers 4 MiB."),
  /** The token endpoint answers only after the stall time. */
  TOKEN_SLOW("bounded time", "The token endpoint answers only after the stall time."),
  /**
   * The token endpoint sends headers, then trickles the body one byte at a time and never finishes.
   */
  TOKEN_NEVER_ENDING(
      "bounded time",
      "The token endpoint sends headers, then trickles the body one byte at a time and never"
          + " finishes."),
  /** The token endpoint reads the request and never answers (until released). */
  TOKEN_STALLED(
      "bounded time", "The token endpoint reads the request and never answers (until released)."),
  /** The token endpoint closes the connection after reading the request. */
  TOKEN_CONNECTION_DROPPED(
      "RFC 6749 5.1", "The token endpoint closes the connection after reading the request."),
  /** The token response names access_token twice: the genuine one, then another. */
  TOKEN_DUPLICATE_MEMBER(
      "RFC 6749 5.1; RFC 8259 4",
      "The token response names access_token twice: the genuine one, then another."),
  /** The token response grants a scope the client never asked for (admin). */
  TOKEN_SCOPE_NOT_REQUESTED(
      "RFC 6749 3.3; FAPI 1.0 Part 1 5.2.3",
      "The token response grants a scope the client never asked for (admin)."),
  /** The provider grants only openid and offline_access, whatever was asked. */
  TOKEN_SCOPE_DOWNGRADED(
      Expectation.SUCCEEDS,
      "RFC 6749 3.3, 5.1",
      "The provider grants only openid and offline_access, whatever was asked."),

  // ---- DISCOVERY_*: DISCOVERY -----------------------------------------------------------------
  /** issuer is another URL. */
  DISCOVERY_ISSUER_MISMATCH("OIDC Discovery 4.3", "issuer is another URL."),
  /** The document has no issuer. */
  DISCOVERY_ISSUER_MISSING("OIDC Discovery 3", "The document has no issuer."),
  /** authorization_endpoint is on another host. */
  DISCOVERY_AUTHORIZATION_ENDPOINT_OTHER_HOST(
      "RFC 9700 4.4; OIDC Discovery 3", "authorization_endpoint is on another host."),
  /** token_endpoint is on another host. */
  DISCOVERY_TOKEN_ENDPOINT_OTHER_HOST(
      "RFC 9700 4.4; RFC 6819 4.3.3", "token_endpoint is on another host."),
  /** jwks_uri is on another host. */
  DISCOVERY_JWKS_URI_OTHER_HOST("RFC 8725 3.10; OIDC Discovery 3", "jwks_uri is on another host."),
  /** revocation_endpoint is on another host. */
  DISCOVERY_REVOCATION_ENDPOINT_OTHER_HOST(
      "RFC 7009 2; RFC 6819 4.3.3", "revocation_endpoint is on another host."),
  /** end_session_endpoint is on another host. */
  DISCOVERY_END_SESSION_ENDPOINT_OTHER_HOST(
      "OIDC RP-Initiated Logout 1.0 2", "end_session_endpoint is on another host."),
  /** token_endpoint is on another port of the same host. */
  DISCOVERY_ENDPOINT_OTHER_PORT(
      "RFC 6454 4; RFC 9700 4.4", "token_endpoint is on another port of the same host."),
  /** token_endpoint uses another scheme on the same host. */
  DISCOVERY_ENDPOINT_OTHER_SCHEME(
      "RFC 6454 4", "token_endpoint uses another scheme on the same host."),
  /** The document has no token_endpoint. */
  DISCOVERY_TOKEN_ENDPOINT_MISSING("OIDC Discovery 3", "The document has no token_endpoint."),
  /** The document has no jwks_uri. */
  DISCOVERY_JWKS_URI_MISSING("OIDC Discovery 3", "The document has no jwks_uri."),
  /** The discovery endpoint answers an HTML page. */
  DISCOVERY_NOT_JSON("OIDC Discovery 4.2", "The discovery endpoint answers an HTML page."),
  /** The discovery endpoint answers a JSON array. */
  DISCOVERY_JSON_ARRAY("OIDC Discovery 4.2", "The discovery endpoint answers a JSON array."),
  /** The discovery JSON is cut off. */
  DISCOVERY_TRUNCATED("OIDC Discovery 4.2", "The discovery JSON is cut off."),
  /** The discovery endpoint answers 4 MiB. */
  DISCOVERY_HUGE("bounded memory", "The discovery endpoint answers 4 MiB."),
  /** The discovery endpoint trickles its answer and never finishes. */
  DISCOVERY_NEVER_ENDING(
      "bounded time", "The discovery endpoint trickles its answer and never finishes."),
  /** The discovery endpoint redirects (302) to an attacker's document on another host. */
  DISCOVERY_REDIRECTED(
      "OIDC Discovery 4; RFC 9700 4.4",
      "The discovery endpoint redirects (302) to an attacker's document on another host."),
  /** The discovery endpoint answers 500. */
  DISCOVERY_SERVER_ERROR("OIDC Discovery 4.2", "The discovery endpoint answers 500."),
  /** The discovery endpoint closes the connection after reading the request. */
  DISCOVERY_CONNECTION_DROPPED(
      "OIDC Discovery 4",
      "The discovery endpoint closes the connection after reading the request."),
  /** id_token_signing_alg_values_supported is ["HS256","none"]. */
  DISCOVERY_ONLY_WEAK_ALGORITHMS(
      "RFC 8725 3.1, 3.2", "id_token_signing_alg_values_supported is [\"HS256\",\"none\"]."),
  /**
   * authorization_response_iss_parameter_supported is true, but authorization responses carry no
   * iss.
   */
  DISCOVERY_PROMISES_ISS_PARAMETER(
      "RFC 9207 2.4, 3",
      "authorization_response_iss_parameter_supported is true, but authorization responses carry no"
          + " iss."),

  // ---- API_*: USER_API ------------------------------------------------------------------------
  /** Every User API call answers 401. */
  API_UNAUTHORIZED_ALWAYS(
      "QF guide (refresh once, retry once); RFC 6750 3.1", "Every User API call answers 401."),
  /** The first User API call answers 401; later calls are genuine. */
  API_UNAUTHORIZED_ONCE(
      Expectation.SUCCEEDS,
      "QF guide (refresh once, retry once)",
      "The first User API call answers 401; later calls are genuine."),
  /** Every User API call answers 403 insufficient_scope. */
  API_FORBIDDEN_INSUFFICIENT_SCOPE(
      "RFC 6750 3.1", "Every User API call answers 403 insufficient_scope."),
  /** Every User API call answers 429 with Retry-After: 1. */
  API_RATE_LIMITED(
      "RFC 6585 4; QF guide (bounded backoff)",
      "Every User API call answers 429 with Retry-After: 1."),
  /** Every User API call answers 429 with Retry-After: 86400. */
  API_RATE_LIMITED_LONG_RETRY_AFTER(
      "RFC 9110 10.2.3; QF guide (bounded backoff)",
      "Every User API call answers 429 with Retry-After: 86400."),
  /** Every User API call answers 503. */
  API_SERVER_ERROR("QF guide (bounded backoff)", "Every User API call answers 503."),
  /** The first User API call answers 500; later calls are genuine. */
  API_SERVER_ERROR_ONCE(
      Expectation.SUCCEEDS,
      "QF guide (bounded backoff)",
      "The first User API call answers 500; later calls are genuine."),
  /** User API calls are answered only after the stall time. */
  API_SLOW("bounded time", "User API calls are answered only after the stall time."),
  /** User API calls are redirected (307) to another host, which would receive x-auth-token. */
  API_REDIRECTED(
      "RFC 6750 5.3",
      "User API calls are redirected (307) to another host, which would receive x-auth-token."),
  /** Every User API call answers 400 with a message quoting the x-auth-token it received. */
  API_ERROR_ECHOES_TOKEN(
      "RFC 6750 5.3; RFC 6749 10.3",
      "Every User API call answers 400 with a message quoting the x-auth-token it received."),
  /** User API calls answer 4 MiB. */
  API_HUGE("bounded memory", "User API calls answer 4 MiB.");

  /**
   * Where the defect is, which is also what it attacks. A defect's name begins with its family's
   * prefix ({@code TOKEN_} for {@link #TOKEN_ENDPOINT}, {@code API_} for {@link #USER_API}), which
   * is how each defect knows its family.
   */
  public enum Family {
    /** The authorization response: the redirect back to the client with code and state. */
    CALLBACK("CALLBACK_"),
    /** The ID token in the token response: JOSE header, signature and claims. */
    ID_TOKEN("ID_TOKEN_"),
    /** The provider's signing keys and its JWKS endpoint. */
    KEYS("KEYS_"),
    /** The token endpoint's answer to a code exchange or refresh. */
    TOKEN_ENDPOINT("TOKEN_"),
    /** The OpenID Connect discovery document. */
    DISCOVERY("DISCOVERY_"),
    /** The User API. */
    USER_API("API_");

    private final String prefix;

    Family(String prefix) {
      this.prefix = prefix;
    }

    private static Family ofDefect(String defectName) {
      for (Family family : values()) {
        if (defectName.startsWith(family.prefix)) {
          return family;
        }
      }
      throw new IllegalStateException(defectName + " begins with no family's prefix");
    }
  }

  /** What a correct relying party does when the provider misbehaves this way. */
  public enum Expectation {
    /** The sign-in or API call fails, in bounded time, with nothing stored and nothing leaked. */
    FAILS,
    /** The deviation is allowed (or recoverable) and the sign-in or API call still works. */
    SUCCEEDS,
    /** The standard leaves it to the relying party; either outcome is acceptable. */
    EITHER
  }

  private final Expectation expectation;
  private final String standard;
  private final String description;

  /** A defect a correct relying party must refuse: {@link Expectation#FAILS}. */
  QfDefect(String standard, String description) {
    this(Expectation.FAILS, standard, description);
  }

  QfDefect(Expectation expectation, String standard, String description) {
    this.expectation = expectation;
    this.standard = standard;
    this.description = description;
  }

  /** The family, e.g. {@link Family#ID_TOKEN}. */
  public Family family() {
    return Family.ofDefect(name()); // the name says it; not stored a second time
  }

  /** What a correct relying party does. */
  public Expectation expectation() {
    return expectation;
  }

  /**
   * The rule the defect breaks, e.g. {@code "OIDC Core 3.1.3.7 step 2"}; {@code "bounded time"} or
   * {@code "bounded memory"} for resource attacks.
   */
  public String standard() {
    return standard;
  }

  /** What the provider does, in one sentence. */
  public String description() {
    return description;
  }

  /**
   * True when the relying party must be started (or its provider cache emptied) after the defect is
   * injected, because it caches what the defect spoils: the discovery document or the keys.
   */
  public boolean freshStart() {
    Family family = family();
    return family == Family.DISCOVERY || family == Family.KEYS;
  }

  /** The defects of one family, in declaration order. */
  public static List<QfDefect> of(Family family) {
    return Arrays.stream(values()).filter(d -> d.family() == family).toList();
  }
}
