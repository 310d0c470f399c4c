package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ConfigSourcesTest {

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put(QfAuthConfig.CLIENT_ID, "qf-client");
    m.put(QfAuthConfig.REDIRECT_URI, "https://app.example/callback");
    return m;
  }

  @Test
  void read_noClientId_failsWithGuideMessage() {
    Map<String, String> m = minimal();
    m.remove(QfAuthConfig.CLIENT_ID);
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertEquals(
        "Missing Quran Foundation API credentials. Request access: https://api-docs.quran.foundation/request-access",
        e.getMessage());
  }

  @Test
  void read_nothingAtAll_failsWithGuideMessageFirst() {
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> ConfigSources.read(name -> null));
    assertEquals(QfAuthConfig.MISSING_CREDENTIALS, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod", "live", "pre-live", "dev"})
  void read_unknownEnv_namesAllowedValues(String env) {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.ENV, env);
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertEquals(
        "Unknown QF_ENV '" + env + "': allowed values are 'prelive' or 'production'.",
        e.getMessage());
  }

  @Test
  void read_unknownEnvWithControlCharacters_echoedSafely() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.ENV, "x\r\nFAKE LOG LINE" + "y".repeat(200));
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains("\r"), e.getMessage());
    assertTrue(e.getMessage().length() < 150, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "PRODUCTION", " Production "})
  void read_envProduction_switchesBothBases(String env) {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.ENV, env);
    QfAuthConfig c = ConfigSources.read(m::get);
    assertEquals(QfEnvironment.PRODUCTION, c.environment());
    assertEquals(URI.create("https://oauth2.quran.foundation"), c.authBaseUrl());
    assertEquals(URI.create("https://apis.quran.foundation"), c.apiBaseUrl());
  }

  @Test
  void read_envPrelive_switchesBothBases() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.ENV, "prelive");
    QfAuthConfig c = ConfigSources.read(m::get);
    assertEquals(URI.create("https://prelive-oauth2.quran.foundation"), c.authBaseUrl());
    assertEquals(URI.create("https://apis-prelive.quran.foundation"), c.apiBaseUrl());
  }

  @Test
  void read_baseOverrides_used() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.AUTH_BASE_URL, " http://127.0.0.1:4444/ ");
    m.put(QfAuthConfig.API_BASE_URL, "http://127.0.0.1:5555");
    QfAuthConfig c = ConfigSources.read(m::get);
    assertEquals(URI.create("http://127.0.0.1:4444"), c.authBaseUrl());
    assertEquals(URI.create("http://127.0.0.1:5555"), c.apiBaseUrl());
  }

  @Test
  void read_scopesSpaceOrCommaSeparated_parsed() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SCOPES, "openid, offline_access  user,bookmark\tcollection");
    assertEquals(
        List.of("openid", "offline_access", "user", "bookmark", "collection"),
        ConfigSources.read(m::get).scopes());
  }

  @Test
  void read_apiTimeZone_parsed() {
    Map<String, String> m = minimal();
    m.put("QF_API_TIME_ZONE", " Asia/Karachi ");
    assertEquals(java.time.ZoneId.of("Asia/Karachi"), ConfigSources.read(m::get).apiTimeZone());
    assertEquals(null, ConfigSources.read(minimal()::get).apiTimeZone());
  }

  @Test
  void read_apiTimeZoneUnknown_failsNamingTheSetting() {
    Map<String, String> m = minimal();
    m.put("QF_API_TIME_ZONE", "Mars/Olympus\n");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertTrue(
        e.getMessage().startsWith("QF_API_TIME_ZONE must be an IANA time zone"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "echoed safely");
  }

  @Test
  void read_offlineScope_refused() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SCOPES, "openid offline user");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertTrue(e.getMessage().contains("'offline_access'"), e.getMessage());
  }

  @Test
  void read_scopesWithoutOpenid_refused() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SCOPES, "offline_access user");
    assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
  }

  @Test
  void read_secretPresent_confidential() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.CLIENT_SECRET, "the-secret");
    QfAuthConfig c = ConfigSources.read(m::get);
    assertTrue(c.confidential());
    assertFalse(c.toString().contains("the-secret"));
  }

  @Test
  void read_secretAbsent_public() {
    assertFalse(ConfigSources.read(minimal()::get).confidential());
  }

  @Test
  void read_allNumbersAndFlags_parsed() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.CLOCK_SKEW_SECONDS, "30");
    m.put(QfAuthConfig.REFRESH_LEEWAY_SECONDS, "90");
    m.put(QfAuthConfig.CONNECT_TIMEOUT_MS, "1500");
    m.put(QfAuthConfig.REQUEST_TIMEOUT_MS, "2500");
    m.put(QfAuthConfig.SESSION_IDLE_MINUTES, "15");
    m.put(QfAuthConfig.SESSION_MAX_MINUTES, "480");
    m.put(QfAuthConfig.LOGIN_TIMEOUT_SECONDS, "120");
    m.put(QfAuthConfig.MAX_SESSIONS, "7");
    m.put(QfAuthConfig.MAX_PENDING_LOGINS, "8");
    m.put(QfAuthConfig.REVOKE_ON_LOGOUT, "no");
    m.put(QfAuthConfig.PROMPT_LOGIN_AFTER_LOGOUT, "false");
    m.put(QfAuthConfig.EXCHANGE_MAX_CONCURRENT_CALLS, "3");
    m.put(QfAuthConfig.EXCHANGE_RATE_PER_MINUTE, "12");
    m.put(QfAuthConfig.PROTECTED_PATHS, "/account/* , /admin,*.secret");
    m.put(QfAuthConfig.EXCHANGE_REDIRECT_URIS, "com.example.app:/cb, https://spa.example/cb");
    QfAuthConfig c = ConfigSources.read(m::get);
    assertEquals(Duration.ofSeconds(30), c.clockSkew());
    assertEquals(Duration.ofSeconds(90), c.refreshLeeway());
    assertEquals(Duration.ofMillis(1500), c.connectTimeout());
    assertEquals(Duration.ofMillis(2500), c.requestTimeout());
    assertEquals(Duration.ofMinutes(15), c.sessionIdleTimeout());
    assertEquals(Duration.ofHours(8), c.sessionAbsoluteTimeout());
    assertEquals(Duration.ofSeconds(120), c.loginTimeout());
    assertEquals(7, c.maxSessions());
    assertEquals(8, c.maxPendingLogins());
    assertFalse(c.revokeOnLogout());
    assertFalse(c.promptLoginAfterLogout());
    assertEquals(3, c.exchangeMaxConcurrentCalls());
    assertEquals(12, c.exchangeRatePerMinute());
    assertEquals(List.of("/account/*", "/admin", "*.secret"), c.protectedPaths());
    assertEquals(
        Set.of(URI.create("com.example.app:/cb"), URI.create("https://spa.example/cb")),
        c.exchangeRedirectUris());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.5", "10s", "9999999999999999999999"})
  void read_nonNumber_namesSetting(String value) {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.MAX_SESSIONS, value);
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertTrue(e.getMessage().startsWith("QF_MAX_SESSIONS must be a whole number"), e.getMessage());
  }

  @Test
  void read_badBoolean_namesSetting() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.REVOKE_ON_LOGOUT, "maybe");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertEquals("QF_REVOKE_ON_LOGOUT must be true or false, got: maybe", e.getMessage());
  }

  @Test
  void read_unparsableUri_namesSetting() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.REDIRECT_URI, "https://app example/cb");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertTrue(e.getMessage().startsWith("QF_REDIRECT_URI is not a valid URI"), e.getMessage());
  }

  @Test
  void read_sessionStoreClassMissing_namesSetting() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SESSION_STORE, "com.example.NoSuchStore");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertEquals("QF_SESSION_STORE class not found: com.example.NoSuchStore", e.getMessage());
  }

  @Test
  void read_sessionStoreWrongType_namesInterface() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SESSION_STORE, "java.lang.String");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertTrue(
        e.getMessage().contains("does not implement dev.qfauth.SessionStore"), e.getMessage());
  }

  @Test
  void read_sessionStoreNamedButJarMissing_namesTheArtifact() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SESSION_STORE, "redis");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertTrue(
        e.getMessage()
            .startsWith(
                "QF_SESSION_STORE=redis needs the artifact dev.qfauth:qf-auth-redis on the class"
                    + " path"),
        e.getMessage());
  }

  @Test
  void read_sessionStoreUnknownName_listsTheChoices() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SESSION_STORE, "memcached");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertTrue(e.getMessage().contains("memcached is not a known store"), e.getMessage());
  }

  @Test
  void read_sessionStoreCaffeine_usesTheDefaultStore() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SESSION_STORE, "caffeine");
    assertEquals(null, ConfigSources.read(m::get).sessionStore());
  }

  @Test
  void read_sessionStoreByName_factoryGetsSettingsAndConfig() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SESSION_STORE, "test-store");
    m.put(QfAuthConfig.SESSION_IDLE_MINUTES, "7");
    m.put("QF_TEST_STORE_SIZE", "3");
    QfAuthConfig c = ConfigSources.read(m::get);
    TestStore store = (TestStore) c.sessionStore();
    assertEquals(3, store.size());
    assertEquals(Duration.ofMinutes(7), store.idle());
  }

  @Test
  void read_sessionStoreFactoryRefusesASetting_failsNamingIt() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.SESSION_STORE, "test-store");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertEquals("QF_SESSION_STORE=test-store: QF_TEST_STORE_SIZE is required", e.getMessage());
  }

  /** Found by ServiceLoader through src/test/resources/META-INF/services. */
  public static final class TestStoreFactory implements SessionStoreFactory {
    @Override
    public String name() {
      return "test-store";
    }

    @Override
    public SessionStore create(
        java.util.function.Function<String, String> settings, QfAuthConfig config) {
      String size = settings.apply("QF_TEST_STORE_SIZE");
      if (size == null) {
        throw new IllegalArgumentException("QF_TEST_STORE_SIZE is required");
      }
      return new TestStore(Integer.parseInt(size), config.sessionIdleTimeout());
    }
  }

  record TestStore(int size, Duration idle) implements EmptySessionStore {}

  @Test
  void read_blankValues_ignoredInFavourOfDefaults() {
    Map<String, String> m = minimal();
    m.put(QfAuthConfig.LOGIN_PATH, "   ");
    m.put(QfAuthConfig.SCOPES, "");
    QfAuthConfig c = ConfigSources.read(m::get);
    assertEquals("/login", c.loginPath());
    assertTrue(c.scopes().contains("openid"));
  }

  // Precedence in fromSources: init-param > system property > environment variable. The setting
  // names are fixed, so the test sets the real property names and always clears them.

  @Test
  void fromSources_initParamBeatsSystemProperty() {
    assumeTrue(
        System.getenv(QfAuthConfig.CLIENT_ID) == null, "QF_CLIENT_ID is set in the environment");
    Map<String, String> init = minimal();
    init.put(QfAuthConfig.CLIENT_ID, "from-init-param");
    withProperties(
        Map.of(
            QfAuthConfig.CLIENT_ID, "from-system-property", QfAuthConfig.LOGIN_PATH, "/sys-login"),
        () -> {
          QfAuthConfig c = QfAuthConfig.fromSources(init::get);
          assertEquals("from-init-param", c.clientId());
          assertEquals("/sys-login", c.loginPath()); // not in init-params: the property is used
        });
  }

  @Test
  void fromSources_blankInitParam_fallsBackToSystemProperty() {
    assumeTrue(
        System.getenv(QfAuthConfig.CLIENT_ID) == null, "QF_CLIENT_ID is set in the environment");
    Map<String, String> init = minimal();
    init.put(QfAuthConfig.CLIENT_ID, "   ");
    withProperties(
        Map.of(QfAuthConfig.CLIENT_ID, "  from-system-property  "),
        () -> assertEquals("from-system-property", QfAuthConfig.fromSources(init::get).clientId()));
  }

  @Test
  void fromSources_systemPropertyBeatsEnvironment_environmentBeatsDefault() throws Exception {
    // The process environment cannot be changed in-process, so a child JVM gets real variables.
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
                javaCommand,
                "-cp",
                System.getProperty("java.class.path"),
                "-D" + QfAuthConfig.LOGIN_PATH + "=/from-system-property",
                EnvProbe.class.getName())
            .redirectErrorStream(true);
    pb.environment().put(QfAuthConfig.CLIENT_ID, "from-environment");
    pb.environment().put(QfAuthConfig.REDIRECT_URI, "https://app.example/callback");
    pb.environment().put(QfAuthConfig.LOGIN_PATH, "/from-environment");
    pb.environment().put(QfAuthConfig.LOGOUT_PATH, "/env-logout");
    pb.environment().put(QfAuthConfig.CLIENT_SECRET, "env-secret-value");
    Process p = pb.start();
    assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "probe JVM hung");
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .trim();
    assertEquals(0, p.exitValue(), out);
    assertEquals("from-init-param|/from-system-property|/env-logout|true", out);
  }

  /** Runs in the child JVM: init-params give only the client id. */
  static final class EnvProbe {
    public static void main(String[] args) {
      QfAuthConfig c =
          QfAuthConfig.fromSources(
              n -> n.equals(QfAuthConfig.CLIENT_ID) ? "from-init-param" : null);
      System.out.print(
          c.clientId() + "|" + c.loginPath() + "|" + c.logoutPath() + "|" + c.confidential());
    }
  }

  private static void withProperties(Map<String, String> props, Runnable body) {
    withProperties(
        props,
        () -> {
          body.run();
          return null;
        });
  }

  private static <T> T withProperties(
      Map<String, String> props, java.util.function.Supplier<T> body) {
    Map<String, String> previous = new HashMap<>();
    props.keySet().forEach(k -> previous.put(k, System.getProperty(k)));
    try {
      props.forEach(System::setProperty);
      return body.get();
    } finally {
      previous.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {QfAuthConfig.EXCHANGE_MAX_CONCURRENT_CALLS, QfAuthConfig.EXCHANGE_RATE_PER_MINUTE})
  void read_exchangeLimitBelowOne_namesSetting(String setting) {
    Map<String, String> m = minimal();
    m.put(setting, "0");
    QfConfigException e = assertThrows(QfConfigException.class, () -> ConfigSources.read(m::get));
    assertEquals(setting + " must be at least 1, got: 0", e.getMessage());
  }

  @Test
  void read_defaults_promptLoginAfterLogoutAndExchangeLimits() {
    QfAuthConfig c = ConfigSources.read(minimal()::get);
    assertTrue(c.promptLoginAfterLogout());
    assertEquals(8, c.exchangeMaxConcurrentCalls());
    assertEquals(30, c.exchangeRatePerMinute());
  }
}
