package dev.qfauth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything {@link QfAuthFilter} needs, validated once. Built by {@link #builder()} in code, or by
 * {@link #fromSources(Function)} from web.xml init-params, Java system properties and environment
 * variables (highest first), which feeds the same builder. Setting names are the constants below.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the client secret.
 */
public final class QfAuthConfig {
  /** Required. The OAuth client id from Request Access. */
  public static final String CLIENT_ID = "QF_CLIENT_ID";

  /** The client secret. Present: confidential client (HTTP Basic). Absent: public client. */
  public static final String CLIENT_SECRET = "QF_CLIENT_SECRET";

  /** {@code prelive} (default) or {@code production}. */
  public static final String ENV = "QF_ENV";

  /** Required. The exact, absolute callback URL registered with QF. */
  public static final String REDIRECT_URI = "QF_REDIRECT_URI";

  /** Space- or comma-separated scopes; default {@code openid offline_access user collection}. */
  public static final String SCOPES = "QF_SCOPES";

  /** Overrides the authorization server base (a staging copy or a test server). */
  public static final String AUTH_BASE_URL = "QF_AUTH_BASE_URL";

  /** Overrides the API gateway base. */
  public static final String API_BASE_URL = "QF_API_BASE_URL";

  /** Path (inside the web app) that starts a sign-in; default {@code /login}. */
  public static final String LOGIN_PATH = "QF_LOGIN_PATH";

  /** Path that signs out (POST); default {@code /logout}. */
  public static final String LOGOUT_PATH = "QF_LOGOUT_PATH";

  /** Comma-separated path patterns that require a signed-in user; default {@code /*}. */
  public static final String PROTECTED_PATHS = "QF_PROTECTED_PATHS";

  /**
   * Where the browser goes after logout when the provider session is not ended; default {@code /}.
   */
  public static final String AFTER_LOGOUT_PATH = "QF_AFTER_LOGOUT_PATH";

  /**
   * A registered post-logout redirect URI. When set, logout also ends the QF session through the
   * provider's end-session endpoint (with {@code id_token_hint}, which Hydra requires).
   */
  public static final String POST_LOGOUT_REDIRECT_URI = "QF_POST_LOGOUT_REDIRECT_URI";

  /** Revoke the refresh token at the provider on logout; default {@code true}. */
  public static final String REVOKE_ON_LOGOUT = "QF_REVOKE_ON_LOGOUT";

  /**
   * Name the cookies {@code __Host-QF_SESSION} and {@code __Host-QF_LOGIN}, so that no sibling
   * subdomain or other path can plant them (cookie tossing): {@code auto} (default: when {@code
   * QF_REDIRECT_URI} is https and the app is at context path "/"), {@code true} (start-up fails
   * where the browser would refuse them) or {@code false}.
   */
  public static final String COOKIE_HOST_PREFIX = "QF_COOKIE_HOST_PREFIX";

  /**
   * After an explicit sign-out that left the QF session alive (no {@link
   * #POST_LOGOUT_REDIRECT_URI}), the browser's next sign-in asks QF for the credentials again
   * ({@code prompt=login}) instead of signing the same user straight back in; default {@code true}.
   */
  public static final String PROMPT_LOGIN_AFTER_LOGOUT = "QF_PROMPT_LOGIN_AFTER_LOGOUT";

  /**
   * Path of the JSON back-end exchange endpoint for native and SPA apps; default {@code
   * /auth/qf/exchange}.
   */
  public static final String EXCHANGE_PATH = "QF_EXCHANGE_PATH";

  /**
   * Path of the OIDC Back-Channel Logout 1.0 endpoint (register it with QF as the client's {@code
   * backchannel_logout_uri}). Not set (default): endpoint off.
   */
  public static final String BACKCHANNEL_LOGOUT_PATH = "QF_BACKCHANNEL_LOGOUT_PATH";

  /** Comma-separated redirect URIs the exchange endpoint accepts. Empty (default): endpoint off. */
  public static final String EXCHANGE_REDIRECT_URIS = "QF_EXCHANGE_REDIRECT_URIS";

  /** Allowed clock skew for ID-token times, seconds; default 60. */
  public static final String CLOCK_SKEW_SECONDS = "QF_CLOCK_SKEW_SECONDS";

  /**
   * Refresh this many seconds before the access token expires, but never earlier than half the
   * token's lifetime; default 60.
   */
  public static final String REFRESH_LEEWAY_SECONDS = "QF_REFRESH_LEEWAY_SECONDS";

  /** Connect timeout towards QF, milliseconds; default 5000. */
  public static final String CONNECT_TIMEOUT_MS = "QF_CONNECT_TIMEOUT_MS";

  /** Whole-request timeout towards QF, milliseconds; default 10000. */
  public static final String REQUEST_TIMEOUT_MS = "QF_REQUEST_TIMEOUT_MS";

  /** Most signed-in sessions kept by the default store; default 100000. */
  public static final String MAX_SESSIONS = "QF_MAX_SESSIONS";

  /**
   * A session unused this long ends, minutes; default 1440 (one day). Sliding: activity keeps it
   * alive, and the session cookie is re-issued once a tenth of this has passed.
   */
  public static final String SESSION_IDLE_MINUTES = "QF_SESSION_IDLE_MINUTES";

  /**
   * A session ends this long after sign-in however active it is, minutes; default 43200 (30 days,
   * Hydra's default refresh-token lifetime).
   */
  public static final String SESSION_MAX_MINUTES = "QF_SESSION_MAX_MINUTES";

  /** Most sign-ins in progress at once; default 10000. */
  public static final String MAX_PENDING_LOGINS = "QF_MAX_PENDING_LOGINS";

  /** How long a started sign-in may take, seconds; default 600 (Hydra's code lifetime). */
  public static final String LOGIN_TIMEOUT_SECONDS = "QF_LOGIN_TIMEOUT_SECONDS";

  /** Most calls waiting on the token endpoint at once; more fail fast (a bulkhead); default 32. */
  public static final String MAX_CONCURRENT_TOKEN_CALLS = "QF_MAX_CONCURRENT_TOKEN_CALLS";

  /**
   * Most exchange-endpoint calls waiting on the token endpoint at once, apart from the browser
   * sign-ins' {@link #MAX_CONCURRENT_TOKEN_CALLS}; default 8.
   */
  public static final String EXCHANGE_MAX_CONCURRENT_CALLS = "QF_EXCHANGE_MAX_CONCURRENT_CALLS";

  /** Most exchange-endpoint requests per client address per minute; more get 429; default 30. */
  public static final String EXCHANGE_RATE_PER_MINUTE = "QF_EXCHANGE_RATE_PER_MINUTE";

  /**
   * The session store for a cluster: a {@link SessionStoreFactory#name()} such as {@code redis}
   * (found with ServiceLoader), or the class name of a {@link SessionStore} with a public
   * no-argument constructor. Unset: the in-memory Caffeine store.
   */
  public static final String SESSION_STORE = "QF_SESSION_STORE";

  /**
   * The IANA time zone (e.g. {@code Asia/Karachi}) sent as {@code x-timezone} on the User API
   * operations that accept it (goals, streaks, recording an activity day), so QF counts the user's
   * days in their zone. Unset: no header (QF uses UTC). {@code api().withTimeZone(zone)} overrides
   * it per call.
   */
  public static final String API_TIME_ZONE = "QF_API_TIME_ZONE";

  /** The guide's exact message for a missing client id. */
  static final String MISSING_CREDENTIALS =
      "Missing Quran Foundation API credentials. Request access:"
          + " https://api-docs.quran.foundation/request-access";

  private final String clientId;
  private final Secret clientSecret;
  private final QfEnvironment environment;
  private final URI authBaseUrl;
  private final URI apiBaseUrl;
  private final URI redirectUri;
  private final List<String> scopes;
  private final String loginPath;
  private final String logoutPath;
  private final List<String> protectedPaths;
  private final String afterLogoutPath;
  private final URI postLogoutRedirectUri;
  private final boolean revokeOnLogout;
  private final HostPrefix cookieHostPrefix;
  private final boolean promptLoginAfterLogout;
  private final String exchangePath;
  private final String backchannelLogoutPath;
  private final Set<URI> exchangeRedirectUris;
  private final Duration clockSkew;
  private final Duration refreshLeeway;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final long maxSessions;
  private final Duration sessionIdleTimeout;
  private final Duration sessionAbsoluteTimeout;
  private final long maxPendingLogins;
  private final Duration loginTimeout;
  private final int maxConcurrentTokenCalls;
  private final int exchangeMaxConcurrentCalls;
  private final int exchangeRatePerMinute;
  private final SessionStore sessionStore;
  private final ZoneId apiTimeZone;
  private final Clock clock;

  private QfAuthConfig(Builder b) {
    if (b.clientId == null || b.clientId.isBlank()) {
      throw new QfConfigException(MISSING_CREDENTIALS);
    }
    this.clientId = b.clientId.trim();
    this.clientSecret =
        b.clientSecret == null || b.clientSecret.reveal().isBlank() ? null : b.clientSecret;
    this.environment = required(ENV, b.environment);
    this.authBaseUrl = baseUrl(AUTH_BASE_URL, b.authBaseUrl, environment.authBaseUrl());
    this.apiBaseUrl = baseUrl(API_BASE_URL, b.apiBaseUrl, environment.apiBaseUrl());
    refuseOtherEnvironment(AUTH_BASE_URL, authBaseUrl, environment);
    refuseOtherEnvironment(API_BASE_URL, apiBaseUrl, environment);
    if (b.redirectUri == null) {
      throw new QfConfigException(
          REDIRECT_URI
              + " is required: the exact, absolute callback URL registered with Quran.Foundation,"
              + " e.g. https://your-app.example/callback");
    }
    this.redirectUri = absoluteUrl(REDIRECT_URI, b.redirectUri);
    this.scopes = List.copyOf(b.scopes);
    if (!scopes.contains("openid")) {
      throw new QfConfigException(
          SCOPES + " must include 'openid': the filter signs users in with the ID token.");
    }
    if (scopes.contains("offline")) {
      throw new QfConfigException(
          SCOPES + " contains 'offline': Quran.Foundation expects 'offline_access' instead.");
    }
    this.loginPath = path(LOGIN_PATH, b.loginPath);
    this.logoutPath = path(LOGOUT_PATH, b.logoutPath);
    this.afterLogoutPath = path(AFTER_LOGOUT_PATH, b.afterLogoutPath);
    this.exchangePath = path(EXCHANGE_PATH, b.exchangePath);
    this.backchannelLogoutPath =
        b.backchannelLogoutPath == null
            ? null
            : path(BACKCHANNEL_LOGOUT_PATH, b.backchannelLogoutPath);
    this.protectedPaths = List.copyOf(b.protectedPaths);
    for (String pattern : protectedPaths) {
      PathPatterns.validate(PROTECTED_PATHS, pattern);
    }
    this.postLogoutRedirectUri =
        b.postLogoutRedirectUri == null
            ? null
            : absoluteUrl(POST_LOGOUT_REDIRECT_URI, b.postLogoutRedirectUri);
    this.revokeOnLogout = b.revokeOnLogout;
    this.cookieHostPrefix = required(COOKIE_HOST_PREFIX, b.cookieHostPrefix);
    if (cookieHostPrefix == HostPrefix.ALWAYS && !secureCookies()) {
      throw new QfConfigException(
          COOKIE_HOST_PREFIX
              + "=true needs an https "
              + REDIRECT_URI
              + " (a browser keeps a __Host- cookie only when it is Secure), got: "
              + redirectUri);
    }
    this.promptLoginAfterLogout = b.promptLoginAfterLogout;
    Set<URI> exchange = new LinkedHashSet<>();
    for (URI uri : b.exchangeRedirectUris) {
      exchange.add(absoluteUri(EXCHANGE_REDIRECT_URIS, uri));
    }
    this.exchangeRedirectUris = Set.copyOf(exchange);
    this.clockSkew = nonNegative(CLOCK_SKEW_SECONDS, b.clockSkew);
    this.refreshLeeway = nonNegative(REFRESH_LEEWAY_SECONDS, b.refreshLeeway);
    this.connectTimeout = positive(CONNECT_TIMEOUT_MS, b.connectTimeout);
    this.requestTimeout = positive(REQUEST_TIMEOUT_MS, b.requestTimeout);
    this.maxSessions = atLeastOne(MAX_SESSIONS, b.maxSessions);
    this.sessionIdleTimeout = positive(SESSION_IDLE_MINUTES, b.sessionIdleTimeout);
    this.sessionAbsoluteTimeout = positive(SESSION_MAX_MINUTES, b.sessionAbsoluteTimeout);
    this.maxPendingLogins = atLeastOne(MAX_PENDING_LOGINS, b.maxPendingLogins);
    this.loginTimeout = positive(LOGIN_TIMEOUT_SECONDS, b.loginTimeout);
    this.maxConcurrentTokenCalls =
        (int) atLeastOne(MAX_CONCURRENT_TOKEN_CALLS, b.maxConcurrentTokenCalls);
    this.exchangeMaxConcurrentCalls =
        (int) atLeastOne(EXCHANGE_MAX_CONCURRENT_CALLS, b.exchangeMaxConcurrentCalls);
    this.exchangeRatePerMinute =
        (int) atLeastOne(EXCHANGE_RATE_PER_MINUTE, b.exchangeRatePerMinute);
    this.sessionStore = b.sessionStore;
    this.apiTimeZone = b.apiTimeZone;
    this.clock = required("clock", b.clock);
    if (environment == QfEnvironment.PRODUCTION) {
      requireHttps(AUTH_BASE_URL, authBaseUrl);
      requireHttps(API_BASE_URL, apiBaseUrl);
      requireHttps(REDIRECT_URI, redirectUri);
    }
  }

  /** A builder with the defaults listed on the setting constants. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads every setting from {@code initParams} (web.xml filter init-params; may return null), then
   * Java system properties, then environment variables, and builds the config.
   *
   * @throws QfConfigException naming the first setting that is missing or invalid
   */
  public static QfAuthConfig fromSources(Function<String, String> initParams) {
    return ConfigSources.read(
        name ->
            firstNonBlank(initParams.apply(name), System.getProperty(name), System.getenv(name)));
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /**
   * QF_CLIENT_ID (required): the OAuth client id from Request Access; also sent as {@code x-client-
   * id} to the User APIs.
   */
  public String clientId() {
    return clientId;
  }

  /**
   * QF_CLIENT_SECRET: the client secret, or {@code null} for a public client; its {@code
   * toString()} is {@code ***}.
   */
  public Secret clientSecret() {
    return clientSecret;
  }

  /** True when a secret is configured: the client authenticates with HTTP Basic. */
  public boolean confidential() {
    return clientSecret != null;
  }

  /**
   * QF_ENV: which Quran.Foundation environment tokens come from; default {@link
   * QfEnvironment#PRELIVE}.
   */
  public QfEnvironment environment() {
    return environment;
  }

  /**
   * QF_AUTH_BASE_URL: the authorization server base, without a trailing slash; discovery is read
   * from {@code /.well-known/openid-configuration} under it. Default: the environment's.
   */
  public URI authBaseUrl() {
    return authBaseUrl;
  }

  /**
   * QF_API_BASE_URL: the API gateway base, without a trailing slash; User APIs are under {@code
   * /auth/v1}. Default: the environment's.
   */
  public URI apiBaseUrl() {
    return apiBaseUrl;
  }

  /**
   * QF_REDIRECT_URI (required): the exact, absolute callback URL registered with QF; its path is
   * the callback route.
   */
  public URI redirectUri() {
    return redirectUri;
  }

  /**
   * QF_SCOPES: the scopes every sign-in asks for, without duplicates; default {@code openid
   * offline_access user collection}.
   */
  public List<String> scopes() {
    return scopes;
  }

  /** QF_LOGIN_PATH: the path inside the web app that starts a sign-in; default {@code /login}. */
  public String loginPath() {
    return loginPath;
  }

  /**
   * QF_LOGOUT_PATH: the path that signs out (POST; a GET shows a confirmation); default {@code
   * /logout}.
   */
  public String logoutPath() {
    return logoutPath;
  }

  /** QF_PROTECTED_PATHS: path patterns that require a signed-in user; default {@code /*}. */
  public List<String> protectedPaths() {
    return protectedPaths;
  }

  /**
   * QF_AFTER_LOGOUT_PATH: where the browser goes after logout when the QF session is kept; default
   * {@code /}.
   */
  public String afterLogoutPath() {
    return afterLogoutPath;
  }

  /**
   * QF_POST_LOGOUT_REDIRECT_URI: the registered post-logout URI, or {@code null} (default) when
   * logout keeps the QF session.
   */
  public URI postLogoutRedirectUri() {
    return postLogoutRedirectUri;
  }

  /**
   * QF_REVOKE_ON_LOGOUT: whether logout revokes the refresh token at QF (RFC 7009); default {@code
   * true}.
   */
  public boolean revokeOnLogout() {
    return revokeOnLogout;
  }

  /**
   * QF_PROMPT_LOGIN_AFTER_LOGOUT: whether the next sign-in after an explicit sign-out sends {@code
   * prompt=login}; default {@code true}.
   */
  public boolean promptLoginAfterLogout() {
    return promptLoginAfterLogout;
  }

  /**
   * QF_COOKIE_HOST_PREFIX: whether the cookies get the {@code __Host-} prefix; default {@link
   * HostPrefix#AUTO}.
   */
  public HostPrefix cookieHostPrefix() {
    return cookieHostPrefix;
  }

  /** The values of {@link #COOKIE_HOST_PREFIX}. */
  public enum HostPrefix {
    /** When the redirect URI is https and the app is at context path "/" (setting: auto). */
    AUTO,
    /** Always; start-up fails where browsers would refuse the cookies (setting: true). */
    ALWAYS,
    /** Never: plain {@code QF_SESSION} and {@code QF_LOGIN} (setting: false). */
    NEVER;

    /** Parses {@code auto}, {@code true} or {@code false} (any case). */
    static HostPrefix parse(String value) {
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "auto" -> AUTO;
        case "true" -> ALWAYS;
        case "false" -> NEVER;
        default ->
            throw new QfConfigException(
                COOKIE_HOST_PREFIX
                    + " must be auto, true or false, got: "
                    + Redaction.printable(value, 40));
      };
    }
  }

  /**
   * QF_EXCHANGE_PATH: the back-end exchange endpoint's path (its refresh is under {@code
   * /refresh}); default {@code /auth/qf/exchange}.
   */
  public String exchangePath() {
    return exchangePath;
  }

  /**
   * QF_BACKCHANNEL_LOGOUT_PATH: path of the OIDC back-channel logout endpoint, or {@code null}
   * (default) when it is off.
   */
  public String backchannelLogoutPath() {
    return backchannelLogoutPath;
  }

  /**
   * QF_EXCHANGE_REDIRECT_URIS: redirect URIs the exchange endpoint accepts; empty (default) when
   * the endpoint is off.
   */
  public Set<URI> exchangeRedirectUris() {
    return exchangeRedirectUris;
  }

  /**
   * QF_CLOCK_SKEW_SECONDS: tolerance for ID-token times ({@code exp}, {@code iat}); default 60 s.
   */
  public Duration clockSkew() {
    return clockSkew;
  }

  /**
   * QF_REFRESH_LEEWAY_SECONDS: refresh this long before the access token expires, but never earlier
   * than half its lifetime; default 60 s.
   */
  public Duration refreshLeeway() {
    return refreshLeeway;
  }

  /** QF_CONNECT_TIMEOUT_MS: deadline for opening a connection to QF; default 5000 ms. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** QF_REQUEST_TIMEOUT_MS: deadline for a whole answer from QF; default 10000 ms. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * QF_MAX_SESSIONS: most sessions the default store keeps per environment (least valuable evicted
   * first); default 100000.
   */
  public long maxSessions() {
    return maxSessions;
  }

  /**
   * QF_SESSION_IDLE_MINUTES: a session unused this long ends (sliding); default 1440 min (one day).
   */
  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /**
   * QF_SESSION_MAX_MINUTES: a session ends this long after sign-in however active; default 43200
   * min (30 days).
   */
  public Duration sessionAbsoluteTimeout() {
    return sessionAbsoluteTimeout;
  }

  /** QF_MAX_PENDING_LOGINS: most sign-ins in progress at once; default 10000. */
  public long maxPendingLogins() {
    return maxPendingLogins;
  }

  /**
   * QF_LOGIN_TIMEOUT_SECONDS: how long a started sign-in may take, and the QF_LOGIN cookie's
   * lifetime; default 600 s.
   */
  public Duration loginTimeout() {
    return loginTimeout;
  }

  /**
   * QF_MAX_CONCURRENT_TOKEN_CALLS: most calls waiting on the token endpoint at once; more fail
   * fast; default 32.
   */
  public int maxConcurrentTokenCalls() {
    return maxConcurrentTokenCalls;
  }

  /**
   * QF_EXCHANGE_MAX_CONCURRENT_CALLS: most exchange-endpoint calls waiting on the token endpoint at
   * once, apart from browser sign-ins; default 8.
   */
  public int exchangeMaxConcurrentCalls() {
    return exchangeMaxConcurrentCalls;
  }

  /**
   * QF_EXCHANGE_RATE_PER_MINUTE: most exchange-endpoint requests per client address per minute;
   * more get 429; default 30.
   */
  public int exchangeRatePerMinute() {
    return exchangeRatePerMinute;
  }

  /**
   * QF_SESSION_STORE: the store to use, or {@code null} (default) for the bounded in-memory
   * Caffeine store.
   */
  public SessionStore sessionStore() {
    return sessionStore;
  }

  /** The zone sent as {@code x-timezone} ({@link #API_TIME_ZONE}), or {@code null} for none. */
  public ZoneId apiTimeZone() {
    return apiTimeZone;
  }

  /**
   * The clock for token expiry, session times and caches; {@link Clock#systemUTC()} unless a test
   * set another. Not a setting.
   */
  public Clock clock() {
    return clock;
  }

  /** True when the browser reaches the app over https, so cookies get {@code Secure}. */
  boolean secureCookies() {
    return "https".equals(redirectUri.getScheme());
  }

  @Override
  public String toString() {
    return "QfAuthConfig{env="
        + environment
        + ", clientId="
        + clientId
        + ", clientType="
        + (confidential() ? "confidential" : "public")
        + ", clientSecret="
        + (confidential() ? "***" : "none")
        + ", authBaseUrl="
        + authBaseUrl
        + ", apiBaseUrl="
        + apiBaseUrl
        + ", redirectUri="
        + redirectUri
        + ", scopes="
        + String.join(" ", scopes)
        + ", protectedPaths="
        + protectedPaths
        + ", loginPath="
        + loginPath
        + ", logoutPath="
        + logoutPath
        + ", afterLogoutPath="
        + afterLogoutPath
        + ", postLogoutRedirectUri="
        + (postLogoutRedirectUri == null ? "none (QF session kept)" : postLogoutRedirectUri)
        + ", revokeOnLogout="
        + revokeOnLogout
        + ", promptLoginAfterLogout="
        + promptLoginAfterLogout
        + ", cookieHostPrefix="
        + cookieHostPrefix
        + ", exchange="
        + (exchangeRedirectUris.isEmpty()
            ? "off"
            : exchangePath
                + " for "
                + exchangeRedirectUris
                + " (at most "
                + exchangeMaxConcurrentCalls
                + " waiting, "
                + exchangeRatePerMinute
                + "/min per address)")
        + ", backchannelLogout="
        + (backchannelLogoutPath == null ? "off" : backchannelLogoutPath)
        + ", clockSkew="
        + clockSkew.toSeconds()
        + "s, refreshLeeway="
        + refreshLeeway.toSeconds()
        + "s, connectTimeout="
        + connectTimeout.toMillis()
        + "ms, requestTimeout="
        + requestTimeout.toMillis()
        + "ms, maxConcurrentTokenCalls="
        + maxConcurrentTokenCalls
        + ", sessionStore="
        + (sessionStore == null ? "caffeine" : sessionStore.getClass().getName())
        + ", maxSessions="
        + maxSessions
        + ", sessionIdle="
        + sessionIdleTimeout.toMinutes()
        + "min, sessionMax="
        + sessionAbsoluteTimeout.toMinutes()
        + "min, maxPendingLogins="
        + maxPendingLogins
        + ", loginTimeout="
        + loginTimeout.toSeconds()
        + "s}";
  }

  private static URI baseUrl(String name, URI given, URI fallback) {
    URI uri = absoluteUrl(name, given != null ? given : fallback);
    if (uri.getRawQuery() != null) {
      throw new QfConfigException(name + " must not have a query: " + uri);
    }
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }

  /**
   * Tokens do not cross environments, and the production https rules key off QF_ENV: a base URL on
   * the other environment's QF host is a mix-up that must not start.
   */
  private static void refuseOtherEnvironment(String name, URI uri, QfEnvironment environment) {
    for (QfEnvironment other : QfEnvironment.values()) {
      if (other != environment
          && (uri.getHost().equalsIgnoreCase(other.authBaseUrl().getHost())
              || uri.getHost().equalsIgnoreCase(other.apiBaseUrl().getHost()))) {
        throw new QfConfigException(
            name
                + " "
                + uri
                + " is a Quran.Foundation "
                + other.id()
                + " host but QF_ENV="
                + environment.id()
                + "; tokens do not cross environments: set QF_ENV="
                + other.id()
                + " or remove the override.");
      }
    }
  }

  private static URI absoluteUrl(String name, URI uri) {
    URI checked = absoluteUri(name, uri);
    if (!"http".equals(checked.getScheme()) && !"https".equals(checked.getScheme())) {
      throw new QfConfigException(name + " must be an http or https URL, got: " + checked);
    }
    if (checked.getHost() == null) {
      throw new QfConfigException(name + " must name a host, got: " + checked);
    }
    return checked;
  }

  private static URI absoluteUri(String name, URI uri) {
    if (!uri.isAbsolute() || uri.getRawFragment() != null) {
      throw new QfConfigException(
          name + " must be an absolute URI without a fragment, got: " + uri);
    }
    return uri;
  }

  private static void requireHttps(String name, URI uri) {
    boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    if (!"https".equals(uri.getScheme()) && !loopback) {
      throw new QfConfigException(name + " must use https when QF_ENV=production, got: " + uri);
    }
  }

  private static String path(String name, String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("?")) {
      throw new QfConfigException(
          name + " must be a path starting with a single '/', got: " + path);
    }
    return path;
  }

  /** The builder's setters only collect; a null where a value is needed is refused here. */
  private static <T> T required(String name, T value) {
    if (value == null) {
      throw new QfConfigException(name + " must be set, got: null");
    }
    return value;
  }

  private static Duration nonNegative(String name, Duration d) {
    if (required(name, d).isNegative()) {
      throw new QfConfigException(name + " must not be negative, got: " + d);
    }
    return d;
  }

  private static Duration positive(String name, Duration d) {
    if (required(name, d).isNegative() || d.isZero()) {
      throw new QfConfigException(name + " must be positive, got: " + d);
    }
    return d;
  }

  private static long atLeastOne(String name, long n) {
    if (n < 1) {
      throw new QfConfigException(name + " must be at least 1, got: " + n);
    }
    return n;
  }

  /** Collects settings; {@link #build()} validates them all at once. Not thread-safe. */
  public static final class Builder {
    private String clientId;
    private Secret clientSecret;
    private QfEnvironment environment = QfEnvironment.PRELIVE;
    private URI authBaseUrl;
    private URI apiBaseUrl;
    private URI redirectUri;
    private List<String> scopes = List.of("openid", "offline_access", "user", "collection");
    private String loginPath = "/login";
    private String logoutPath = "/logout";
    private List<String> protectedPaths = List.of("/*");
    private String afterLogoutPath = "/";
    private URI postLogoutRedirectUri;
    private boolean revokeOnLogout = true;
    private HostPrefix cookieHostPrefix = HostPrefix.AUTO;
    private boolean promptLoginAfterLogout = true;
    private String exchangePath = "/auth/qf/exchange";
    private String backchannelLogoutPath;
    private List<URI> exchangeRedirectUris = List.of();
    private Duration clockSkew = Duration.ofSeconds(60);
    private Duration refreshLeeway = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private long maxSessions = 100_000;
    private Duration sessionIdleTimeout = Duration.ofDays(1);
    private Duration sessionAbsoluteTimeout = Duration.ofDays(30);
    private long maxPendingLogins = 10_000;
    private Duration loginTimeout = Duration.ofMinutes(10);
    private int maxConcurrentTokenCalls = 32;
    private int exchangeMaxConcurrentCalls = 8;
    private int exchangeRatePerMinute = 30;
    private SessionStore sessionStore;
    private ZoneId apiTimeZone;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** {@link #CLIENT_ID} (required): the OAuth client id from Request Access. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /**
     * {@link #CLIENT_SECRET}: a secret makes the client confidential (HTTP Basic); {@code null} or
     * blank makes it public. Default: none.
     */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = Secret.ofNullable(clientSecret);
      return this;
    }

    /** {@link #ENV}: pre-live or production; default {@link QfEnvironment#PRELIVE}. */
    public Builder environment(QfEnvironment environment) {
      this.environment = environment;
      return this;
    }

    /**
     * {@link #AUTH_BASE_URL}: an authorization server other than the environment's (a staging copy
     * or a test server); {@code null} (default) for the environment's. Must not be the other
     * environment's QF host.
     */
    public Builder authBaseUrl(URI authBaseUrl) {
      this.authBaseUrl = authBaseUrl;
      return this;
    }

    /**
     * {@link #API_BASE_URL}: an API gateway other than the environment's; {@code null} (default)
     * for the environment's.
     */
    public Builder apiBaseUrl(URI apiBaseUrl) {
      this.apiBaseUrl = apiBaseUrl;
      return this;
    }

    /**
     * {@link #REDIRECT_URI} (required): the exact, absolute callback URL registered with QF; https
     * in production.
     */
    public Builder redirectUri(URI redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    /**
     * {@link #SCOPES}: the scopes to ask for; must include {@code openid}. Default {@code openid
     * offline_access user collection}.
     */
    public Builder scopes(String... scopes) {
      return scopes(Arrays.asList(scopes));
    }

    /**
     * {@link #SCOPES}, as a list; blanks and repeats are dropped. Default {@code openid
     * offline_access user collection}.
     */
    public Builder scopes(List<String> scopes) {
      List<String> clean = new ArrayList<>();
      for (String scope : scopes) {
        String s = scope.trim();
        if (!s.isEmpty() && !clean.contains(s)) {
          clean.add(s);
        }
      }
      this.scopes = clean;
      return this;
    }

    /** {@link #LOGIN_PATH}: a path starting with one {@code /}; default {@code /login}. */
    public Builder loginPath(String loginPath) {
      this.loginPath = loginPath;
      return this;
    }

    /** {@link #LOGOUT_PATH}: a path starting with one {@code /}; default {@code /logout}. */
    public Builder logoutPath(String logoutPath) {
      this.logoutPath = logoutPath;
      return this;
    }

    /**
     * {@link #PROTECTED_PATHS}: patterns {@code /exact}, {@code /prefix/*}, {@code *.ext}, or
     * {@code /*} for everything (default).
     */
    public Builder protectedPaths(String... patterns) {
      this.protectedPaths = List.of(patterns);
      return this;
    }

    /**
     * {@link #AFTER_LOGOUT_PATH}: where the browser goes after logout when the QF session is kept;
     * default {@code /}.
     */
    public Builder afterLogoutPath(String afterLogoutPath) {
      this.afterLogoutPath = afterLogoutPath;
      return this;
    }

    /**
     * {@link #POST_LOGOUT_REDIRECT_URI}: a registered post-logout URI; when set, logout ends the QF
     * session too. Default: none.
     */
    public Builder postLogoutRedirectUri(URI postLogoutRedirectUri) {
      this.postLogoutRedirectUri = postLogoutRedirectUri;
      return this;
    }

    /**
     * {@link #REVOKE_ON_LOGOUT}: revoke the refresh token at QF on logout; default {@code true}.
     */
    public Builder revokeOnLogout(boolean revokeOnLogout) {
      this.revokeOnLogout = revokeOnLogout;
      return this;
    }

    /**
     * {@link #PROMPT_LOGIN_AFTER_LOGOUT}: ask for the credentials again on the next sign-in after a
     * sign-out that kept the QF session; default {@code true}.
     */
    public Builder promptLoginAfterLogout(boolean promptLoginAfterLogout) {
      this.promptLoginAfterLogout = promptLoginAfterLogout;
      return this;
    }

    /**
     * {@link #COOKIE_HOST_PREFIX}: whether the cookies get the {@code __Host-} prefix; default
     * {@link HostPrefix#AUTO}.
     */
    public Builder cookieHostPrefix(HostPrefix cookieHostPrefix) {
      this.cookieHostPrefix = cookieHostPrefix;
      return this;
    }

    /** {@link #EXCHANGE_PATH}: the exchange endpoint's path; default {@code /auth/qf/exchange}. */
    public Builder exchangePath(String exchangePath) {
      this.exchangePath = exchangePath;
      return this;
    }

    /**
     * {@link #BACKCHANNEL_LOGOUT_PATH}: turns the back-channel logout endpoint on at {@code path};
     * {@code null} (default) turns it off.
     */
    public Builder backchannelLogoutPath(String path) {
      this.backchannelLogoutPath = path;
      return this;
    }

    /**
     * {@link #EXCHANGE_REDIRECT_URIS}: the redirect URIs the exchange endpoint accepts; none
     * (default) turns it off.
     */
    public Builder exchangeRedirectUris(URI... uris) {
      this.exchangeRedirectUris = List.of(uris);
      return this;
    }

    /** {@link #CLOCK_SKEW_SECONDS}: tolerance for ID-token times, not negative; default 60 s. */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
      return this;
    }

    /**
     * {@link #REFRESH_LEEWAY_SECONDS}: refresh this long before expiry (at most half the token's
     * lifetime), not negative; default 60 s.
     */
    public Builder refreshLeeway(Duration refreshLeeway) {
      this.refreshLeeway = refreshLeeway;
      return this;
    }

    /** {@link #CONNECT_TIMEOUT_MS}: deadline for a connection to QF, positive; default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** {@link #REQUEST_TIMEOUT_MS}: deadline for a whole answer from QF, positive; default 10 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * {@link #MAX_SESSIONS}: most sessions the default store keeps per environment, at least 1;
     * default 100000.
     */
    public Builder maxSessions(long maxSessions) {
      this.maxSessions = maxSessions;
      return this;
    }

    /**
     * {@link #SESSION_IDLE_MINUTES}: a session unused this long ends (sliding), positive; default
     * one day.
     */
    public Builder sessionIdleTimeout(Duration sessionIdleTimeout) {
      this.sessionIdleTimeout = sessionIdleTimeout;
      return this;
    }

    /**
     * {@link #SESSION_MAX_MINUTES}: a session ends this long after sign-in, positive; default 30
     * days.
     */
    public Builder sessionAbsoluteTimeout(Duration sessionAbsoluteTimeout) {
      this.sessionAbsoluteTimeout = sessionAbsoluteTimeout;
      return this;
    }

    /**
     * {@link #MAX_PENDING_LOGINS}: most sign-ins in progress at once, at least 1; default 10000.
     */
    public Builder maxPendingLogins(long maxPendingLogins) {
      this.maxPendingLogins = maxPendingLogins;
      return this;
    }

    /**
     * {@link #LOGIN_TIMEOUT_SECONDS}: how long a started sign-in may take, positive; default 10
     * minutes.
     */
    public Builder loginTimeout(Duration loginTimeout) {
      this.loginTimeout = loginTimeout;
      return this;
    }

    /**
     * {@link #MAX_CONCURRENT_TOKEN_CALLS}: most calls waiting on the token endpoint, at least 1;
     * default 32.
     */
    public Builder maxConcurrentTokenCalls(int maxConcurrentTokenCalls) {
      this.maxConcurrentTokenCalls = maxConcurrentTokenCalls;
      return this;
    }

    /**
     * {@link #EXCHANGE_MAX_CONCURRENT_CALLS}: most exchange-endpoint calls waiting on the token
     * endpoint, at least 1; default 8.
     */
    public Builder exchangeMaxConcurrentCalls(int exchangeMaxConcurrentCalls) {
      this.exchangeMaxConcurrentCalls = exchangeMaxConcurrentCalls;
      return this;
    }

    /**
     * {@link #EXCHANGE_RATE_PER_MINUTE}: most exchange requests per client address per minute, at
     * least 1; default 30.
     */
    public Builder exchangeRatePerMinute(int exchangeRatePerMinute) {
      this.exchangeRatePerMinute = exchangeRatePerMinute;
      return this;
    }

    /**
     * {@link #SESSION_STORE}, as an instance: replaces the default in-memory store, e.g. with one
     * shared by a cluster; {@code null} (default) for the default.
     */
    public Builder sessionStore(SessionStore sessionStore) {
      this.sessionStore = sessionStore;
      return this;
    }

    /** The zone sent as {@code x-timezone}; {@code null} (the default) sends none. */
    public Builder apiTimeZone(ZoneId apiTimeZone) {
      this.apiTimeZone = apiTimeZone;
      return this;
    }

    /**
     * The clock for token expiry, session times and caches, so tests can move it; default {@link
     * Clock#systemUTC()}. Not a setting.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Validates everything and builds.
     *
     * @throws QfConfigException naming the first invalid setting; with exactly the guide's message
     *     when the client id is missing
     */
    public QfAuthConfig build() {
      return new QfAuthConfig(this);
    }
  }
}
