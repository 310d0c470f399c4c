package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** OIDC Core 1.0 3.1.3.7 against real signatures and a loopback discovery + JWKS server. */
final class IdTokenVerifierTest {
  private static final String CLIENT = "qf-client";

  /** 40 bytes: long enough to be an HS256 key, which is exactly the algorithm-confusion risk. */
  private static final String CLIENT_SECRET = "client-secret-0123456789-abcdefghijklmno";

  private static final String NONCE = "nonce-Xq3l0k3dW3x8bY2r1hJ5tA9vC7eN4mP6sZ0uQ";
  private static final Secret ACCESS = Secret.of("ory_at_Q3x9-access-token-of-this-response");
  private static final Instant NOW = TestClock.START;
  private static final Duration SKEW = Duration.ofSeconds(60);

  private static final RSAKey KEY = TestKeys.ID_TOKEN;
  private static final RSAKey NEXT_KEY = TestKeys.ID_TOKEN_2;
  private static final RSAKey THIRD_KEY = TestKeys.ID_TOKEN_3;
  private static final RSAKey ATTACKER = TestKeys.ATTACKER;
  private static final RSAKey ATTACKER_WITH_OUR_KID = TestKeys.withKid(ATTACKER, KEY.getKeyID());
  private static final ECKey EC_KEY = ec("public:hydra.openid.ec");
  private static final ECKey ATTACKER_EC_WITH_RSA_KID = ec(KEY.getKeyID());

  private static final FakeQf SERVER = new FakeQf();
  private static final String ISSUER = SERVER.base();
  private static final HttpCalls HTTP = new HttpCalls(Duration.ofSeconds(2), Duration.ofSeconds(3));

  private final TestClock clock = new TestClock(NOW);

  @BeforeEach
  void resetProvider() {
    SERVER.discovery(SERVER.discoveryFor(ISSUER, List.of("RS256")));
    SERVER.jwks(jwks(KEY, EC_KEY));
    SERVER.attackerJwks(jwks(ATTACKER, ATTACKER_WITH_OUR_KID));
    SERVER.resetHits();
  }

  @AfterAll
  static void stopServer() {
    SERVER.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Accepted

  static Stream<Arguments> acceptedTokens() {
    return Stream.of(
        Arguments.of("plain valid token", (Supplier<String>) () -> signed(c -> {}), NONCE),
        Arguments.of(
            "aud as an array with only us",
            (Supplier<String>) () -> signed(c -> c.audience(List.of(CLIENT))),
            NONCE),
        Arguments.of(
            "several audiences with azp = us",
            (Supplier<String>)
                () -> signed(c -> c.audience(List.of(CLIENT, "other")).claim("azp", CLIENT)),
            NONCE),
        Arguments.of(
            "azp = us, single aud",
            (Supplier<String>) () -> signed(c -> c.claim("azp", CLIENT)),
            NONCE),
        Arguments.of(
            "expired 59 s ago (within 60 s skew)",
            (Supplier<String>) () -> signed(c -> c.expirationTime(at(-59)).issueTime(at(-3600))),
            NONCE),
        Arguments.of(
            "iat 59 s ahead (within skew)",
            (Supplier<String>) () -> signed(c -> c.issueTime(at(59))),
            NONCE),
        Arguments.of(
            "nbf 59 s ahead (within skew)",
            (Supplier<String>) () -> signed(c -> c.notBeforeTime(at(59))),
            NONCE),
        Arguments.of(
            "nbf == iat (Hydra)",
            (Supplier<String>) () -> signed(c -> c.notBeforeTime(at(0))),
            NONCE),
        Arguments.of(
            "refresh: no nonce expected, token has one",
            (Supplier<String>) () -> signed(c -> {}),
            null),
        Arguments.of(
            "refresh: no nonce expected, token has none",
            (Supplier<String>) () -> signed(c -> c.claim("nonce", null)),
            null),
        Arguments.of(
            "no typ header",
            (Supplier<String>)
                () ->
                    sign(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                        claims(c -> {}),
                        KEY),
            NONCE),
        Arguments.of(
            "iat an hour old (within MAX_AGE), exp still ahead",
            (Supplier<String>) () -> signed(c -> c.issueTime(at(-3600)).expirationTime(at(60))),
            NONCE),
        Arguments.of(
            "at_hash of this response's access token (OIDC Core 3.1.3.8)",
            (Supplier<String>) () -> signed(c -> c.claim("at_hash", atHash(ACCESS.reveal()))),
            NONCE),
        Arguments.of(
            "no at_hash (optional in the code flow)",
            (Supplier<String>) () -> signed(c -> c.claim("at_hash", null)),
            NONCE),
        Arguments.of(
            "no kid, one RSA key published",
            (Supplier<String>)
                () ->
                    sign(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                        claims(c -> {}),
                        KEY),
            NONCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedTokens")
  void verify_acceptableToken_returnsClaims(String name, Supplier<String> token, String nonce) {
    JWTClaimsSet claims = sharedVerifier().verify(Secret.of(token.get()), ACCESS, nonce);
    assertEquals("user-1", claims.getSubject());
    assertEquals(ISSUER, claims.getIssuer());
  }

  // ---------------------------------------------------------------------------------------------
  // Rejected

  static Stream<Arguments> rejectedTokens() {
    return Stream.of(
        // Step 2: iss
        reject("wrong issuer", () -> signed(c -> c.issuer("https://evil.example"))),
        reject(
            "issuer with trailing slash, discovery without",
            () -> signed(c -> c.issuer(ISSUER + "/"))),
        reject(
            "issuer of the other QF environment",
            () -> signed(c -> c.issuer("https://oauth2.quran.foundation"))),
        reject(
            "issuer differs only in case",
            () -> signed(c -> c.issuer(ISSUER.toUpperCase(java.util.Locale.ROOT)))),
        reject("no issuer", () -> signed(c -> c.issuer(null))),
        // sub
        reject("no sub", () -> signed(c -> c.subject(null))),
        reject("blank sub", () -> signed(c -> c.subject("  "))),
        reject(
            "sub of 256 characters (OIDC Core 2)", () -> signed(c -> c.subject("s".repeat(256)))),
        reject("sub with non-ASCII characters", () -> signed(c -> c.subject("us\u00e9r-1"))),
        reject("sub with CR LF", () -> signed(c -> c.subject("user-1\r\nforged: log line"))),
        // Step 10: iat implausibly old (OIDF FAPI 1.0 RP test iat-is-week-in-past)
        reject(
            "iat a week old, exp still ahead",
            () -> signed(c -> c.issueTime(at(-7 * 86400)).expirationTime(at(3600)))),
        reject(
            "iat just over MAX_AGE + skew old",
            () -> signed(c -> c.issueTime(at(-3600 - 61)).expirationTime(at(3600)))),
        // OIDC Core 3.1.3.8: at_hash, when present, matches the access token
        reject(
            "at_hash of another access token",
            () -> signed(c -> c.claim("at_hash", atHash("ory_at_another-token")))),
        reject(
            "at_hash as the full (not left-half) hash",
            () -> signed(c -> c.claim("at_hash", fullHash(ACCESS.reveal())))),
        reject("at_hash not a string", () -> signed(c -> c.claim("at_hash", 42))),
        // RFC 7515 2, 7.1: three base64url segments, no padding, nothing foreign. nimbus decodes
        // these leniently, so the same signature would verify under many spellings.
        reject("signature padded with '='", () -> signed(c -> {}) + "="),
        reject("signature in the standard alphabet", () -> standardAlphabetSignature()),
        reject("a '*' inside the signature", () -> insert(signed(c -> {}), "*")),
        reject("a space inside the signature", () -> insert(signed(c -> {}), " ")),
        reject("header padded with '='", () -> signed(c -> {}).replaceFirst("\\.", "==.")),
        reject("a fourth segment", () -> signed(c -> {}) + ".c2ln"),
        // RFC 7515 4, RFC 7519 4, RFC 8725: a member named twice (nimbus's parser refuses both)
        reject(
            "claims name iss twice, ours first",
            () ->
                signRaw(
                    "{\"alg\":\"RS256\",\"kid\":\"" + KEY.getKeyID() + "\"}",
                    "{\"iss\":\""
                        + ISSUER
                        + "\",\"sub\":\"user-1\",\"aud\":\""
                        + CLIENT
                        + "\",\"exp\":"
                        + at(3600).toInstant().getEpochSecond()
                        + ",\"iat\":"
                        + NOW.getEpochSecond()
                        + ",\"nonce\":\""
                        + NONCE
                        + "\",\"iss\":\"https://evil.example\"}")),
        reject(
            "header names alg twice",
            () ->
                signRaw(
                    "{\"alg\":\"RS256\",\"kid\":\"" + KEY.getKeyID() + "\",\"alg\":\"none\"}",
                    claims(c -> {}).toString())),
        // Steps 3-5: aud / azp
        reject("aud is another client", () -> signed(c -> c.audience("other-client"))),
        reject("aud missing", () -> signed(c -> c.audience((String) null))),
        reject("aud prefix of ours", () -> signed(c -> c.audience(CLIENT + "-evil"))),
        reject(
            "several audiences, no azp", () -> signed(c -> c.audience(List.of(CLIENT, "other")))),
        reject("azp is another client", () -> signed(c -> c.claim("azp", "other"))),
        reject(
            "several audiences, azp another client",
            () -> signed(c -> c.audience(List.of(CLIENT, "other")).claim("azp", "other"))),
        reject("azp not a string", () -> signed(c -> c.claim("azp", List.of(CLIENT)))),
        // Step 9: exp
        reject(
            "expired 61 s ago (beyond skew)",
            () -> signed(c -> c.expirationTime(at(-61)).issueTime(at(-3600)))),
        reject(
            "expired exactly at the skew edge",
            () -> signed(c -> c.expirationTime(at(-60)).issueTime(at(-3600)))),
        reject(
            "expired a day ago",
            () -> signed(c -> c.expirationTime(at(-86400)).issueTime(at(-90000)))),
        reject("no exp", () -> signed(c -> c.expirationTime(null))),
        // Step 10: iat
        reject("iat 61 s in the future", () -> signed(c -> c.issueTime(at(61)))),
        reject(
            "iat an hour in the future",
            () -> signed(c -> c.issueTime(at(3600)).expirationTime(at(7200)))),
        reject("no iat", () -> signed(c -> c.issueTime(null))),
        reject("nbf 61 s in the future", () -> signed(c -> c.notBeforeTime(at(61)))),
        // Step 11: nonce
        reject(
            "nonce of another sign-in", () -> signed(c -> c.claim("nonce", "another-nonce-value"))),
        reject("nonce missing when expected", () -> signed(c -> c.claim("nonce", null))),
        reject("nonce not a string", () -> signed(c -> c.claim("nonce", List.of(NONCE)))),
        reject(
            "nonce differs in case",
            () -> signed(c -> c.claim("nonce", NONCE.toUpperCase(java.util.Locale.ROOT)))),
        // Steps 6-7: algorithm and signature
        reject("alg none (unsigned PlainJWT)", () -> new PlainJWT(claims(c -> {})).serialize()),
        reject(
            "alg NONE spelled upper-case, empty signature",
            () -> unsigned("{\"alg\":\"NONE\",\"typ\":\"JWT\"}")),
        reject(
            "alg none with a kid and a bogus signature",
            () -> unsigned("{\"alg\":\"none\",\"kid\":\"" + KEY.getKeyID() + "\"}") + "c2ln"),
        reject("RS256 header with empty signature", () -> stripSignature(signed(c -> {}))),
        reject(
            "RS256 header with another token's signature",
            () -> spliceSignature(signed(c -> {}), signed(c -> c.subject("user-2")))),
        reject("payload altered after signing", () -> alterPayload(signed(c -> {}))),
        reject(
            "HS256 keyed with the client secret (algorithm confusion)", () -> hs256(CLIENT_SECRET)),
        reject("HS256 keyed with the RSA public key bytes", () -> hs256PublicKeyBytes()),
        rejectAfterRefetch(
            "signed by an unknown key with an unknown kid",
            () -> sign(header(JWSAlgorithm.RS256, ATTACKER.getKeyID()), claims(c -> {}), ATTACKER)),
        reject(
            "signed by an unknown key reusing our kid",
            () ->
                sign(
                    header(JWSAlgorithm.RS256, KEY.getKeyID()),
                    claims(c -> {}),
                    ATTACKER_WITH_OUR_KID)),
        reject(
            "signed by an unknown key, no kid",
            () ->
                sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims(c -> {}), ATTACKER)),
        rejectAfterRefetch(
            "RS256 with the kid of our EC key",
            () -> sign(header(JWSAlgorithm.RS256, EC_KEY.getKeyID()), claims(c -> {}), ATTACKER)),
        reject(
            "typ at+jwt (an access token)",
            () ->
                sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(KEY.getKeyID())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                    claims(c -> {}),
                    KEY)),
        reject(
            "unknown crit header",
            () ->
                sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(KEY.getKeyID())
                        .criticalParams(java.util.Set.of("exp-check"))
                        .customParam("exp-check", true)
                        .build(),
                    claims(c -> {}),
                    KEY)),
        rejectAfterRefetch(
            "jwk header carrying the attacker's key",
            () ->
                sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(ATTACKER.getKeyID())
                        .jwk(ATTACKER.toPublicJWK())
                        .build(),
                    claims(c -> {}),
                    ATTACKER)),
        rejectAfterRefetch(
            "jku header pointing at the attacker's JWKS",
            () ->
                sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(ATTACKER.getKeyID())
                        .jwkURL(attackerJwksUri())
                        .build(),
                    claims(c -> {}),
                    ATTACKER)),
        reject(
            "jku + jwk headers with our kid",
            () ->
                sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(KEY.getKeyID())
                        .jwkURL(attackerJwksUri())
                        .jwk(ATTACKER_WITH_OUR_KID.toPublicJWK())
                        .build(),
                    claims(c -> {}),
                    ATTACKER_WITH_OUR_KID)),
        rejectAfterRefetch(
            "x5u header pointing at the attacker",
            () ->
                sign(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(ATTACKER.getKeyID())
                        .x509CertURL(attackerJwksUri())
                        .build(),
                    claims(c -> {}),
                    ATTACKER)),
        // Step 1: encrypted tokens are not expected
        reject("a JWE", () -> jwe()),
        // Garbage
        reject("empty", () -> ""),
        reject("one word", () -> "garbage"),
        reject("three dots of garbage", () -> "a.b.c"),
        reject("two parts", () -> "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0"),
        reject(
            "header not JSON",
            () -> Base64URL.encode("not json") + "." + Base64URL.encode("{}") + ".c2ln"),
        reject(
            "payload not JSON",
            () ->
                Base64URL.encode("{\"alg\":\"RS256\"}")
                    + "."
                    + Base64URL.encode("not json")
                    + ".c2ln"),
        reject("a JSON object, not a JWT", () -> "{\"sub\":\"user-1\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedTokens")
  void verify_badToken_rejectedAsIdTokenInvalid(
      String name, Supplier<String> token, boolean refetches) {
    String value = token.get();
    IdTokenVerifier verifier = refetches ? verifier() : sharedVerifier();
    SignInException e =
        assertThrows(SignInException.class, () -> verifier.verify(Secret.of(value), ACCESS, NONCE));
    assertEquals(QfErrorCode.ID_TOKEN_INVALID, e.code(), e.getMessage());
    if (value.length() > 20) {
      assertFalse(e.getMessage().contains(value), "the message must not carry the token");
    }
    assertEquals(
        0, SERVER.hits(FakeQf.ATTACKER_JWKS_PATH), "a key URL from the token header was fetched");
  }

  @Test
  void verify_subOf255AsciiCharacters_accepted() {
    String sub = "s".repeat(IdTokenVerifier.MAX_SUB_LENGTH); // OIDC Core 2: the longest allowed
    assertEquals(
        sub,
        sharedVerifier()
            .verify(Secret.of(signed(c -> c.subject(sub))), ACCESS, NONCE)
            .getSubject());
  }

  @Test
  void verify_rs256WhenDiscoveryAdvertisesOnlyEs256_rejected() {
    SERVER.discovery(SERVER.discoveryFor(ISSUER, List.of("ES256")));
    SignInException e =
        assertThrows(
            SignInException.class,
            () -> verifier().verify(Secret.of(signed(c -> {})), ACCESS, NONCE));
    assertEquals(QfErrorCode.ID_TOKEN_INVALID, e.code());
  }

  @Test
  void verify_es256WhenDiscoveryAdvertisesEs256_accepted() {
    SERVER.discovery(SERVER.discoveryFor(ISSUER, List.of("ES256")));
    String token = sign(header(JWSAlgorithm.ES256, EC_KEY.getKeyID()), claims(c -> {}), EC_KEY);
    assertEquals("user-1", verifier().verify(Secret.of(token), ACCESS, NONCE).getSubject());
  }

  @Test
  void verify_es256WithTheKidOfOurRsaKey_rejected() {
    SERVER.discovery(SERVER.discoveryFor(ISSUER, List.of("RS256", "ES256")));
    String token =
        sign(header(JWSAlgorithm.ES256, KEY.getKeyID()), claims(c -> {}), ATTACKER_EC_WITH_RSA_KID);
    SignInException e =
        assertThrows(
            SignInException.class, () -> verifier().verify(Secret.of(token), ACCESS, NONCE));
    assertEquals(QfErrorCode.ID_TOKEN_INVALID, e.code());
  }

  @Test
  void verify_hs256WhenDiscoveryAlsoAdvertisesHs256_stillRejected() {
    SERVER.discovery(SERVER.discoveryFor(ISSUER, List.of("HS256", "RS256", "none")));
    SignInException e =
        assertThrows(
            SignInException.class,
            () -> verifier().verify(Secret.of(hs256(CLIENT_SECRET)), ACCESS, NONCE));
    assertEquals(QfErrorCode.ID_TOKEN_INVALID, e.code());
    SignInException none =
        assertThrows(
            SignInException.class,
            () ->
                verifier()
                    .verify(Secret.of(new PlainJWT(claims(c -> {})).serialize()), ACCESS, NONCE));
    assertEquals(QfErrorCode.ID_TOKEN_INVALID, none.code());
  }

  @Test
  void verify_discoveryIssuerWithTrailingSlash_tokenWithoutSlashRejected() {
    SERVER.discovery(SERVER.discoveryFor(ISSUER + "/", List.of("RS256")));
    SignInException e =
        assertThrows(
            SignInException.class,
            () -> verifier().verify(Secret.of(signed(c -> {})), ACCESS, NONCE));
    assertEquals(QfErrorCode.ID_TOKEN_INVALID, e.code());
    // and the slash form, which this discovery names, is the one accepted (verbatim comparison)
    assertEquals(
        "user-1",
        verifier()
            .verify(Secret.of(signed(c -> c.issuer(ISSUER + "/"))), ACCESS, NONCE)
            .getSubject());
  }

  @Test
  void verify_movedClock_expiryFollowsInjectedClock() {
    IdTokenVerifier verifier = verifier();
    String token = signed(c -> c.expirationTime(at(300)));
    verifier.verify(Secret.of(token), ACCESS, NONCE);
    clock.advance(Duration.ofSeconds(300 + 60));
    SignInException e =
        assertThrows(SignInException.class, () -> verifier.verify(Secret.of(token), ACCESS, NONCE));
    assertEquals(QfErrorCode.ID_TOKEN_INVALID, e.code());
  }

  // ---------------------------------------------------------------------------------------------
  // Key rotation (nimbus: refetch on unknown kid, rate-limited to one extra fetch per 10 s)

  @Test
  void verify_newKidAppearsInJwks_refetchedAndAccepted() {
    IdTokenVerifier verifier = verifier();
    verifier.verify(Secret.of(signed(c -> {})), ACCESS, NONCE);
    assertEquals(1, SERVER.hits(FakeQf.JWKS_PATH));

    SERVER.jwks(jwks(KEY, NEXT_KEY));
    String rotated =
        sign(header(JWSAlgorithm.RS256, NEXT_KEY.getKeyID()), claims(c -> {}), NEXT_KEY);
    assertEquals("user-1", verifier.verify(Secret.of(rotated), ACCESS, NONCE).getSubject());
    assertEquals(2, SERVER.hits(FakeQf.JWKS_PATH));

    // Known kids are served from the cache: no further fetches.
    verifier.verify(Secret.of(rotated), ACCESS, NONCE);
    verifier.verify(Secret.of(signed(c -> {})), ACCESS, NONCE);
    assertEquals(2, SERVER.hits(FakeQf.JWKS_PATH));
  }

  @Test
  void verify_secondNewKidWithinTenSeconds_rateLimitedAndReportedAsProviderUnavailable() {
    // Finding: after the initial load, nimbus allows one refetch per 10 s window. A second rotation
    // (or a token naming an unknown kid) inside that window is refused without a fetch, and the
    // verifier reports it as "keys could not be loaded" (503), not as a bad token.
    IdTokenVerifier verifier = verifier();
    verifier.verify(Secret.of(signed(c -> {})), ACCESS, NONCE);
    SERVER.jwks(jwks(KEY, NEXT_KEY));
    verifier.verify(
        Secret.of(sign(header(JWSAlgorithm.RS256, NEXT_KEY.getKeyID()), claims(c -> {}), NEXT_KEY)),
        ACCESS,
        NONCE);
    SERVER.jwks(jwks(NEXT_KEY, THIRD_KEY));

    String third =
        sign(header(JWSAlgorithm.RS256, THIRD_KEY.getKeyID()), claims(c -> {}), THIRD_KEY);
    SignInException e =
        assertThrows(SignInException.class, () -> verifier.verify(Secret.of(third), ACCESS, NONCE));
    assertEquals(QfErrorCode.PROVIDER_UNAVAILABLE, e.code(), e.getMessage());
    assertEquals(
        2,
        SERVER.hits(FakeQf.JWKS_PATH),
        "the rate limit must hold the JWKS endpoint at two fetches");
  }

  @Test
  void verify_unknownKidFlood_jwksFetchedAtMostTwice() {
    IdTokenVerifier verifier = verifier();
    for (int i = 0; i < 20; i++) {
      String token = sign(header(JWSAlgorithm.RS256, "random-kid-" + i), claims(c -> {}), ATTACKER);
      assertThrows(SignInException.class, () -> verifier.verify(Secret.of(token), ACCESS, NONCE));
    }
    assertEquals(2, SERVER.hits(FakeQf.JWKS_PATH));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /**
   * One Provider (discovery + JWKS cache) for the cases that use the default discovery and only
   * published kids; saves two HTTP fetches per case.
   */
  private static Provider sharedProvider;

  private IdTokenVerifier sharedVerifier() {
    if (sharedProvider == null) {
      sharedProvider = new Provider(config(new TestClock(NOW)), HTTP);
    }
    return new IdTokenVerifier(sharedProvider, config(clock));
  }

  private static QfAuthConfig config(java.time.Clock clock) {
    return QfAuthConfig.builder()
        .clientId(CLIENT)
        .clientSecret(CLIENT_SECRET)
        .redirectUri(URI.create("https://app.example/callback"))
        .authBaseUrl(SERVER.baseUri())
        .clock(clock)
        .build();
  }

  /** A fresh Provider: its own discovery, JWKS cache and rate limiter. */
  private IdTokenVerifier verifier() {
    QfAuthConfig config = config(clock);
    return new IdTokenVerifier(new Provider(config, HTTP), config);
  }

  private static Arguments reject(String name, Supplier<String> token) {
    return Arguments.of(name, token, false);
  }

  /**
   * A case whose kid is not in the JWKS: it spends the provider's one refetch, so it gets its own.
   */
  private static Arguments rejectAfterRefetch(String name, Supplier<String> token) {
    return Arguments.of(name, token, true);
  }

  private static Date at(long secondsFromNow) {
    return Date.from(NOW.plusSeconds(secondsFromNow));
  }

  private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("user-1")
            .audience(CLIENT)
            .expirationTime(at(3600))
            .issueTime(at(0))
            .claim("nonce", NONCE)
            .claim("sid", "sid-1")
            .claim("email", "user@example.com");
    change.accept(b);
    return b.build();
  }

  private static String signed(Consumer<JWTClaimsSet.Builder> change) {
    return sign(header(JWSAlgorithm.RS256, KEY.getKeyID()), claims(change), KEY);
  }

  private static JWSHeader header(JWSAlgorithm alg, String kid) {
    return new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build();
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, Object key) {
    try {
      JWSSigner signer =
          key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** OIDC Core 3.1.3.6: the left half of SHA-256 over the token's ASCII octets, base64url. */
  static String atHash(String accessToken) {
    byte[] full = sha256(accessToken);
    return Base64URL.encode(java.util.Arrays.copyOf(full, 16)).toString();
  }

  private static String fullHash(String accessToken) {
    return Base64URL.encode(sha256(accessToken)).toString();
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid token whose signature is respelled with '+' and '/' (signed until it has one). */
  private static String standardAlphabetSignature() {
    for (int i = 0; ; i++) {
      int n = i;
      String jwt = signed(c -> c.claim("sid", "sid-" + n));
      String sig = jwt.substring(jwt.lastIndexOf('.') + 1);
      if (sig.indexOf('-') >= 0 || sig.indexOf('_') >= 0) {
        return jwt.substring(0, jwt.lastIndexOf('.') + 1) + sig.replace('-', '+').replace('_', '/');
      }
    }
  }

  /** {@code extra} inserted in the middle of the signature segment. */
  private static String insert(String jwt, String extra) {
    int middle = jwt.lastIndexOf('.') + (jwt.length() - jwt.lastIndexOf('.')) / 2;
    return jwt.substring(0, middle) + extra + jwt.substring(middle);
  }

  /** Signs exactly these JSON texts with {@link #KEY}, whatever nimbus would make of them. */
  private static String signRaw(String headerJson, String payloadJson) {
    try {
      String input = Base64URL.encode(headerJson) + "." + Base64URL.encode(payloadJson);
      Base64URL signature =
          new RSASSASigner(KEY)
              .sign(new JWSHeader(JWSAlgorithm.RS256), input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + signature;
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hs256(String secret) {
    try {
      SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256, KEY.getKeyID()), claims(c -> {}));
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The classic confusion: HMAC keyed with the verifier's RSA public key as bytes. */
  private static String hs256PublicKeyBytes() {
    try {
      SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256, KEY.getKeyID()), claims(c -> {}));
      jwt.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(String headerJson) {
    return Base64URL.encode(headerJson) + "." + Base64URL.encode(claims(c -> {}).toString()) + ".";
  }

  private static String stripSignature(String jwt) {
    return jwt.substring(0, jwt.lastIndexOf('.') + 1);
  }

  private static String spliceSignature(String jwt, String other) {
    return jwt.substring(0, jwt.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
  }

  private static String alterPayload(String jwt) {
    String[] parts = jwt.split("\\.");
    String payload = claims(c -> c.subject("admin")).toString();
    return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
  }

  private static String jwe() {
    try {
      EncryptedJWT jwt =
          new EncryptedJWT(
              new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), claims(c -> {}));
      jwt.encrypt(new RSAEncrypter(KEY.toRSAPublicKey()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URI attackerJwksUri() {
    return URI.create(SERVER.base() + FakeQf.ATTACKER_JWKS_PATH);
  }

  private static String jwks(Object... keys) {
    List<com.nimbusds.jose.jwk.JWK> list =
        Stream.of(keys).map(k -> ((com.nimbusds.jose.jwk.JWK) k).toPublicJWK()).toList();
    return new JWKSet(list).toString();
  }

  private static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
