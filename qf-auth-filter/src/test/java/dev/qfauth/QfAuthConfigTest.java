package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

final class QfAuthConfigTest {
  private static final String SECRET = "s3cr3t-+%/:value-that-must-never-print";

  private static QfAuthConfig.Builder minimal() {
    return QfAuthConfig.builder()
        .clientId("qf-client")
        .redirectUri(URI.create("https://app.example/callback"));
  }

  /** One setting wrong at a time: the build fails with this exact message. */
  static Stream<Arguments> refusedWithExactMessage() {
    return Stream.of(
        refusal(
            "offline scope",
            b -> b.scopes("openid", "offline", "user"),
            "QF_SCOPES contains 'offline': Quran.Foundation expects 'offline_access' instead."),
        refusal("no sessions", b -> b.maxSessions(0), "QF_MAX_SESSIONS must be at least 1, got: 0"),
        // Tokens do not cross environments, and QF_ENV=prelive skips the production https rules:
        // production hosts under a pre-live label would get plain-http redirects and non-Secure
        // cookies.
        refusal(
            "prelive env, production auth host",
            b -> b.authBaseUrl(URI.create("https://oauth2.quran.foundation")),
            "QF_AUTH_BASE_URL https://oauth2.quran.foundation is a Quran.Foundation production"
                + " host but QF_ENV=prelive; tokens do not cross environments: set"
                + " QF_ENV=production or remove the override."),
        refusal(
            "production env, prelive API host",
            b ->
                b.environment(QfEnvironment.PRODUCTION)
                    .apiBaseUrl(URI.create("https://apis-prelive.quran.foundation")),
            "QF_API_BASE_URL https://apis-prelive.quran.foundation is a Quran.Foundation prelive"
                + " host but QF_ENV=production; tokens do not cross environments: set"
                + " QF_ENV=prelive or remove the override."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedWithExactMessage")
  void build_invalidSetting_refusedWithExactMessage(
      String what, UnaryOperator<QfAuthConfig.Builder> change, String message) {
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> change.apply(minimal()).build());
    assertEquals(message, e.getMessage());
    assertEquals(QfErrorCode.CONFIGURATION, e.code());
  }

  /** One setting wrong at a time: the message starts by naming the setting and the rule. */
  static Stream<Arguments> refusedNamingTheSetting() {
    return Stream.of(
        refusal(
            "base URL with a query",
            b -> b.authBaseUrl(URI.create("https://auth.example/?x=1")),
            "QF_AUTH_BASE_URL must not have a query"),
        refusal(
            "no openid scope",
            b -> b.scopes("offline_access", "user"),
            "QF_SCOPES must include 'openid'"),
        refusal(
            "production, plain-http auth base",
            b ->
                b.environment(QfEnvironment.PRODUCTION)
                    .authBaseUrl(URI.create("http://auth.example")),
            "QF_AUTH_BASE_URL must use https"),
        refusal(
            "production, plain-http API base",
            b ->
                b.environment(QfEnvironment.PRODUCTION)
                    .apiBaseUrl(URI.create("http://apis.example")),
            "QF_API_BASE_URL must use https"),
        refusal("no redirect URI", b -> b.redirectUri(null), "QF_REDIRECT_URI is required"),
        refusal(
            "protected pattern with an inner wildcard",
            b -> b.protectedPaths("/a/*/b"),
            "QF_PROTECTED_PATHS pattern '/a/*/b'"),
        refusal(
            "negative skew",
            b -> b.clockSkew(Duration.ofSeconds(-1)),
            "QF_CLOCK_SKEW_SECONDS must not be negative"),
        refusal(
            "zero request timeout",
            b -> b.requestTimeout(Duration.ZERO),
            "QF_REQUEST_TIMEOUT_MS must be positive"),
        refusal(
            "zero session maximum",
            b -> b.sessionAbsoluteTimeout(Duration.ZERO),
            "QF_SESSION_MAX_MINUTES must be positive"),
        refusal(
            "relative exchange redirect URI",
            b -> b.exchangeRedirectUris(URI.create("/native/cb")),
            "QF_EXCHANGE_REDIRECT_URIS "),
        // The setters only collect: a null is refused by build(), naming the setting.
        refusal("no environment", b -> b.environment(null), "QF_ENV must be set"),
        refusal("no skew", b -> b.clockSkew(null), "QF_CLOCK_SKEW_SECONDS must be set"),
        refusal(
            "no login timeout", b -> b.loginTimeout(null), "QF_LOGIN_TIMEOUT_SECONDS must be set"),
        refusal(
            "no host-prefix choice",
            b -> b.cookieHostPrefix(null),
            "QF_COOKIE_HOST_PREFIX must be set"),
        refusal("no clock", b -> b.clock(null), "clock must be set"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedNamingTheSetting")
  void build_invalidSetting_refusedNamingTheSetting(
      String what, UnaryOperator<QfAuthConfig.Builder> change, String messageStart) {
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> change.apply(minimal()).build());
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    assertEquals(QfErrorCode.CONFIGURATION, e.code());
  }

  private static Arguments refusal(
      String what, UnaryOperator<QfAuthConfig.Builder> change, String message) {
    return Arguments.of(what, change, message);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t\n"})
  void build_missingClientId_failsWithGuideMessage(String clientId) {
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> minimal().clientId(clientId).build());
    assertEquals(
        "Missing Quran Foundation API credentials. Request access:"
            + " https://api-docs.quran.foundation/request-access",
        e.getMessage());
    assertEquals(QfErrorCode.CONFIGURATION, e.code());
  }

  @Test
  void build_defaults_preliveBothBases() {
    QfAuthConfig c = minimal().build();
    assertEquals(QfEnvironment.PRELIVE, c.environment());
    assertEquals(URI.create("https://prelive-oauth2.quran.foundation"), c.authBaseUrl());
    assertEquals(URI.create("https://apis-prelive.quran.foundation"), c.apiBaseUrl());
    assertEquals(List.of("openid", "offline_access", "user", "collection"), c.scopes());
    assertEquals(List.of("/*"), c.protectedPaths());
    assertEquals(Duration.ofSeconds(60), c.clockSkew());
  }

  @Test
  void build_production_switchesBothBasesTogether() {
    QfAuthConfig c = minimal().environment(QfEnvironment.PRODUCTION).build();
    assertEquals(URI.create("https://oauth2.quran.foundation"), c.authBaseUrl());
    assertEquals(URI.create("https://apis.quran.foundation"), c.apiBaseUrl());
  }

  @Test
  void build_baseOverrides_usedAndTrailingSlashDropped() {
    QfAuthConfig c =
        minimal()
            .authBaseUrl(URI.create("http://127.0.0.1:8080/"))
            .apiBaseUrl(URI.create("http://127.0.0.1:9090/gw"))
            .build();
    assertEquals(URI.create("http://127.0.0.1:8080"), c.authBaseUrl());
    assertEquals(URI.create("http://127.0.0.1:9090/gw"), c.apiBaseUrl());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/relative",
        "ftp://auth.example",
        "mailto:a@b.example",
        "https://auth.example/#x"
      })
  void build_baseOverrideNotHttpUrl_rejected(String base) {
    QfConfigException e =
        assertThrows(
            QfConfigException.class, () -> minimal().authBaseUrl(URI.create(base)).build());
    assertTrue(e.getMessage().startsWith("QF_AUTH_BASE_URL "), e.getMessage());
  }

  @Test
  void build_scopes_trimmedAndDeduplicated() {
    QfAuthConfig c = minimal().scopes(" openid ", "user", "openid", "", "bookmark").build();
    assertEquals(List.of("openid", "user", "bookmark"), c.scopes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://app.example/callback",
        "http://10.0.0.5/callback",
        "http://localhost.evil.example/callback",
        "http://127.0.0.1.nip.io/callback"
      })
  void build_productionPlainHttpRedirect_refused(String redirect) {
    QfConfigException e =
        assertThrows(
            QfConfigException.class,
            () ->
                minimal()
                    .environment(QfEnvironment.PRODUCTION)
                    .redirectUri(URI.create(redirect))
                    .build());
    assertEquals(
        "QF_REDIRECT_URI must use https when QF_ENV=production, got: " + redirect, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/callback", "http://127.0.0.1:8080/callback"})
  void build_productionLoopbackHttpRedirect_allowed(String redirect) {
    QfAuthConfig c =
        minimal().environment(QfEnvironment.PRODUCTION).redirectUri(URI.create(redirect)).build();
    assertEquals(URI.create(redirect), c.redirectUri());
    assertFalse(c.secureCookies());
  }

  @Test
  void build_preliveHttpRedirect_allowedWithoutSecureCookies() {
    QfAuthConfig c = minimal().redirectUri(URI.create("http://dev.example/callback")).build();
    assertFalse(c.secureCookies());
    assertTrue(minimal().build().secureCookies());
  }

  @Test
  void build_secretPresent_confidential() {
    QfAuthConfig c = minimal().clientSecret(SECRET).build();
    assertTrue(c.confidential());
    assertEquals(SECRET, c.clientSecret().reveal());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void build_secretAbsent_public(String secret) {
    QfAuthConfig c = minimal().clientSecret(secret).build();
    assertFalse(c.confidential());
    assertNull(c.clientSecret());
  }

  @Test
  void build_blankSecret_public() {
    // A whitespace-only secret is a templating mistake, not a credential: sending it as Basic auth
    // would only produce invalid_client.
    QfAuthConfig c = minimal().clientSecret("   ").build();
    assertFalse(c.confidential());
  }

  @Test
  void toString_confidential_neverContainsSecret() {
    QfAuthConfig c = minimal().clientSecret(SECRET).build();
    String text = c.toString();
    assertFalse(text.contains(SECRET), text);
    assertFalse(text.contains("s3cr3t"), text);
    assertTrue(text.contains("clientSecret=***"), text);
    assertTrue(text.contains("clientType=confidential"), text);
    assertTrue(text.contains("clientId=qf-client"), text);
  }

  @Test
  void toString_public_saysNone() {
    String text = minimal().build().toString();
    assertTrue(text.contains("clientSecret=none"), text);
    assertTrue(text.contains("clientType=public"), text);
  }

  @Test
  void toString_startUpLine_namesTimeoutsBoundsSkewAndStore() {
    String text =
        minimal()
            .sessionIdleTimeout(java.time.Duration.ofMinutes(30))
            .requestTimeout(java.time.Duration.ofMillis(2500))
            .clockSkew(java.time.Duration.ofSeconds(15))
            .maxSessions(500)
            .build()
            .toString();
    for (String part :
        List.of(
            "sessionIdle=30min",
            "sessionMax=43200min",
            "requestTimeout=2500ms",
            "connectTimeout=5000ms",
            "clockSkew=15s",
            "refreshLeeway=60s",
            "maxSessions=500",
            "maxPendingLogins=10000",
            "maxConcurrentTokenCalls=32",
            "sessionStore=caffeine",
            "promptLoginAfterLogout=true",
            "exchange=off")) {
      assertTrue(text.contains(part), part + " missing from: " + text);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/callback",
        "callback",
        "https://app.example/callback#frag",
        "ftp://app.example/cb",
        "https:///cb"
      })
  void build_badRedirectUri_rejected(String redirect) {
    QfConfigException e =
        assertThrows(
            QfConfigException.class, () -> minimal().redirectUri(URI.create(redirect)).build());
    assertTrue(e.getMessage().startsWith("QF_REDIRECT_URI "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"login", "//login", "/login?x=1", ""})
  void build_badLoginPath_rejected(String path) {
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> minimal().loginPath(path).build());
    assertTrue(e.getMessage().startsWith("QF_LOGIN_PATH must be a path"), e.getMessage());
  }

  @Test
  void build_defaults_sessionIdleOneDayMaximumThirtyDays() {
    QfAuthConfig config = minimal().build();
    assertEquals(Duration.ofDays(1), config.sessionIdleTimeout());
    assertEquals(Duration.ofDays(30), config.sessionAbsoluteTimeout());
  }

  @Test
  void build_exchangeRedirectUriCustomScheme_accepted() {
    QfAuthConfig c = minimal().exchangeRedirectUris(URI.create("com.example.app:/oauth")).build();
    assertEquals(java.util.Set.of(URI.create("com.example.app:/oauth")), c.exchangeRedirectUris());
  }

  @Test
  void build_productionEnvWithOwnHostsSpelledOut_accepted() {
    QfAuthConfig c =
        minimal()
            .environment(QfEnvironment.PRODUCTION)
            .authBaseUrl(URI.create("https://OAUTH2.quran.foundation/"))
            .apiBaseUrl(URI.create("https://apis.quran.foundation"))
            .build();
    assertEquals(QfEnvironment.PRODUCTION, c.environment());
  }
}
