package dev.qfauth;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongFunction;

/** The one parser from named string settings to {@link QfAuthConfig.Builder}. */
final class ConfigSources {
  private ConfigSources() {}

  private static java.time.ZoneId zone(String value) {
    try {
      return java.time.ZoneId.of(value.trim());
    } catch (java.time.DateTimeException e) {
      throw new QfConfigException(
          QfAuthConfig.API_TIME_ZONE
              + " must be an IANA time zone such as Asia/Karachi or Europe/London, got '"
              + Redaction.printable(value, 40)
              + "'");
    }
  }

  static QfAuthConfig read(Function<String, String> settings) {
    QfAuthConfig.Builder b = QfAuthConfig.builder();
    b.clientId(settings.apply(QfAuthConfig.CLIENT_ID));
    b.clientSecret(settings.apply(QfAuthConfig.CLIENT_SECRET));
    String env = settings.apply(QfAuthConfig.ENV);
    if (env != null) {
      b.environment(QfEnvironment.parse(env));
    }
    uri(settings, QfAuthConfig.AUTH_BASE_URL, b::authBaseUrl);
    uri(settings, QfAuthConfig.API_BASE_URL, b::apiBaseUrl);
    uri(settings, QfAuthConfig.REDIRECT_URI, b::redirectUri);
    uri(settings, QfAuthConfig.POST_LOGOUT_REDIRECT_URI, b::postLogoutRedirectUri);
    text(settings, QfAuthConfig.SCOPES, v -> b.scopes(list(v, "[\\s,]+")));
    text(settings, QfAuthConfig.LOGIN_PATH, b::loginPath);
    text(settings, QfAuthConfig.LOGOUT_PATH, b::logoutPath);
    text(settings, QfAuthConfig.AFTER_LOGOUT_PATH, b::afterLogoutPath);
    text(settings, QfAuthConfig.EXCHANGE_PATH, b::exchangePath);
    text(settings, QfAuthConfig.BACKCHANNEL_LOGOUT_PATH, b::backchannelLogoutPath);
    text(
        settings,
        QfAuthConfig.PROTECTED_PATHS,
        v -> b.protectedPaths(list(v, "\\s*,\\s*").toArray(String[]::new)));
    text(
        settings,
        QfAuthConfig.EXCHANGE_REDIRECT_URIS,
        v ->
            b.exchangeRedirectUris(
                list(v, "[\\s,]+").stream()
                    .map(u -> parseUri(QfAuthConfig.EXCHANGE_REDIRECT_URIS, u))
                    .toArray(URI[]::new)));
    text(
        settings,
        QfAuthConfig.REVOKE_ON_LOGOUT,
        v -> b.revokeOnLogout(bool(QfAuthConfig.REVOKE_ON_LOGOUT, v)));
    text(
        settings,
        QfAuthConfig.COOKIE_HOST_PREFIX,
        v -> b.cookieHostPrefix(QfAuthConfig.HostPrefix.parse(v)));
    text(
        settings,
        QfAuthConfig.PROMPT_LOGIN_AFTER_LOGOUT,
        v -> b.promptLoginAfterLogout(bool(QfAuthConfig.PROMPT_LOGIN_AFTER_LOGOUT, v)));
    duration(settings, QfAuthConfig.CLOCK_SKEW_SECONDS, Duration::ofSeconds, b::clockSkew);
    duration(settings, QfAuthConfig.REFRESH_LEEWAY_SECONDS, Duration::ofSeconds, b::refreshLeeway);
    duration(settings, QfAuthConfig.CONNECT_TIMEOUT_MS, Duration::ofMillis, b::connectTimeout);
    duration(settings, QfAuthConfig.REQUEST_TIMEOUT_MS, Duration::ofMillis, b::requestTimeout);
    duration(
        settings, QfAuthConfig.SESSION_IDLE_MINUTES, Duration::ofMinutes, b::sessionIdleTimeout);
    duration(
        settings, QfAuthConfig.SESSION_MAX_MINUTES, Duration::ofMinutes, b::sessionAbsoluteTimeout);
    duration(settings, QfAuthConfig.LOGIN_TIMEOUT_SECONDS, Duration::ofSeconds, b::loginTimeout);
    text(
        settings,
        QfAuthConfig.MAX_SESSIONS,
        v -> b.maxSessions(number(QfAuthConfig.MAX_SESSIONS, v)));
    text(
        settings,
        QfAuthConfig.MAX_PENDING_LOGINS,
        v -> b.maxPendingLogins(number(QfAuthConfig.MAX_PENDING_LOGINS, v)));
    text(
        settings,
        QfAuthConfig.MAX_CONCURRENT_TOKEN_CALLS,
        v ->
            b.maxConcurrentTokenCalls(
                (int)
                    Math.min(
                        Integer.MAX_VALUE, number(QfAuthConfig.MAX_CONCURRENT_TOKEN_CALLS, v))));
    text(
        settings,
        QfAuthConfig.EXCHANGE_MAX_CONCURRENT_CALLS,
        v ->
            b.exchangeMaxConcurrentCalls(
                intSetting(QfAuthConfig.EXCHANGE_MAX_CONCURRENT_CALLS, v)));
    text(
        settings,
        QfAuthConfig.EXCHANGE_RATE_PER_MINUTE,
        v -> b.exchangeRatePerMinute(intSetting(QfAuthConfig.EXCHANGE_RATE_PER_MINUTE, v)));
    text(settings, QfAuthConfig.API_TIME_ZONE, v -> b.apiTimeZone(zone(v)));
    String store = settings.apply(QfAuthConfig.SESSION_STORE);
    if (store != null && !store.isBlank() && !store.trim().contains(".")) {
      // A store by name gets the rest of the configuration, so validate that first.
      b.sessionStore(namedStore(store.trim(), settings, b.build()));
    } else if (store != null && !store.isBlank()) {
      b.sessionStore(store(store.trim()));
    }
    return b.build();
  }

  private static void text(
      Function<String, String> settings, String name, java.util.function.Consumer<String> sink) {
    String value = settings.apply(name);
    if (value != null && !value.isBlank()) {
      sink.accept(value.trim());
    }
  }

  private static void uri(
      Function<String, String> settings, String name, java.util.function.Consumer<URI> sink) {
    text(settings, name, v -> sink.accept(parseUri(name, v)));
  }

  private static void duration(
      Function<String, String> settings,
      String name,
      LongFunction<Duration> unit,
      java.util.function.Consumer<Duration> sink) {
    text(settings, name, v -> sink.accept(unit.apply(number(name, v))));
  }

  private static URI parseUri(String name, String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new QfConfigException(name + " is not a valid URI: " + Redaction.printable(value, 200));
    }
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new QfConfigException(
          name + " must be a whole number, got: " + Redaction.printable(value, 40));
    }
  }

  /** A whole number; past int's range it saturates, and the builder's own check applies. */
  private static int intSetting(String name, String value) {
    long n = number(name, value);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
  }

  private static boolean bool(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new QfConfigException(
              name + " must be true or false, got: " + Redaction.printable(value, 40));
    };
  }

  private static List<String> list(String value, String separator) {
    return Arrays.stream(value.trim().split(separator)).filter(s -> !s.isEmpty()).toList();
  }

  /** Stores by name, and the artifact that provides each one shipped with qf-auth. */
  private static final java.util.Map<String, String> KNOWN_STORES =
      java.util.Map.of("redis", "dev.qfauth:qf-auth-redis");

  private static SessionStore namedStore(
      String name, Function<String, String> settings, QfAuthConfig config) {
    if (name.equalsIgnoreCase("caffeine")) {
      return null;
    }
    java.util.List<String> found = new java.util.ArrayList<>();
    for (SessionStoreFactory factory :
        java.util.ServiceLoader.load(
            SessionStoreFactory.class, Thread.currentThread().getContextClassLoader())) {
      if (factory.name().equalsIgnoreCase(name)) {
        try {
          return factory.create(settings, config);
        } catch (IllegalArgumentException e) {
          throw new QfConfigException(
              QfAuthConfig.SESSION_STORE + "=" + factory.name() + ": " + e.getMessage());
        }
      }
      found.add(factory.name());
    }
    String artifact = KNOWN_STORES.get(name.toLowerCase(Locale.ROOT));
    throw new QfConfigException(
        QfAuthConfig.SESSION_STORE
            + "="
            + Redaction.printable(name, 40)
            + (artifact != null
                ? " needs the artifact " + artifact + " on the class path, next to qf-auth-filter"
                : " is not a known store: use caffeine, "
                    + String.join(", ", KNOWN_STORES.keySet())
                    + " or a SessionStore class name")
            + (found.isEmpty() ? "" : " (stores found: " + found + ")")
            + ".");
  }

  private static SessionStore store(String className) {
    try {
      Class<?> type =
          Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      if (!SessionStore.class.isAssignableFrom(type)) {
        throw new QfConfigException(
            QfAuthConfig.SESSION_STORE
                + " class "
                + className
                + " does not implement "
                + SessionStore.class.getName());
      }
      return (SessionStore) type.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new QfConfigException(QfAuthConfig.SESSION_STORE + " class not found: " + className);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new QfConfigException(
          QfAuthConfig.SESSION_STORE
              + " class "
              + className
              + " needs a public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw new QfConfigException(
          QfAuthConfig.SESSION_STORE
              + " class "
              + className
              + " failed to construct: "
              + e.getCause());
    }
  }
}
