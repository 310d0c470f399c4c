package dev.qfauth;

import java.lang.System.Logger.Level;

/**
 * Builds the filter's parts from one configuration, in one constructor, and closes them when the
 * filter is destroyed. It holds no job of its own: the handlers get the part they need ({@link
 * SignIns}, {@link ActiveSessions}, {@link Logouts}) and call it directly. Immutable after
 * construction; per-user data lives only in the stores.
 */
final class FilterParts {
  private static final System.Logger LOG = System.getLogger(FilterParts.class.getName());

  private final QfAuthConfig config;
  private final HttpCalls http;
  private final Provider provider;
  private final TokenEndpoint tokens;
  private final SessionStore store;
  private final SignIns signIns;
  private final ActiveSessions sessions;
  private final Logouts logouts;
  private final QfApiClient.Wiring apiClients;
  private final OpsMetrics metrics;
  private final BackChannelLogout backChannelLogout;

  FilterParts(QfAuthConfig config) {
    this.config = config;
    this.http = new HttpCalls(config.connectTimeout(), config.requestTimeout());
    this.provider = new Provider(config, http);
    this.store =
        config.sessionStore() != null
            ? config.sessionStore()
            : new CaffeineSessionStore(
                config.maxSessions(), config.sessionIdleTimeout(), config.clock());
    this.metrics = OpsMetrics.load(config, store);
    this.tokens = new TokenEndpoint(config, provider, http, metrics);
    IdTokenVerifier verifier = new IdTokenVerifier(provider, config);
    Sessions made = new Sessions(config.clock(), config.postLogoutRedirectUri() != null);
    Refresher refresher = new Refresher(config, store, tokens, verifier, made, metrics);
    this.signIns = SignIns.of(config, provider, tokens, verifier, store, made);
    this.sessions = new ActiveSessions(config, store, refresher);
    this.logouts = new Logouts(config, store, tokens, provider);
    try {
      this.backChannelLogout =
          config.backchannelLogoutPath() == null
              ? null
              : new BackChannelLogout(config, verifier, store);
    } catch (QfConfigException e) {
      close(); // the filter never calls close() on parts it did not get: no thread or connection
      // left
      throw e;
    }
    this.apiClients =
        new QfApiClient.Wiring(
            http,
            config.apiBaseUrl().toString(),
            config.clientId(),
            sessions,
            config.clock(),
            config.apiTimeZone());
  }

  QfAuthConfig config() {
    return config;
  }

  SessionStore store() {
    return store;
  }

  OpsMetrics metrics() {
    return metrics;
  }

  /** The back-channel logout, or {@code null} when QF_BACKCHANNEL_LOGOUT_PATH is not set. */
  BackChannelLogout backChannelLogout() {
    return backChannelLogout;
  }

  SignIns signIns() {
    return signIns;
  }

  ActiveSessions sessions() {
    return sessions;
  }

  Logouts logouts() {
    return logouts;
  }

  /** What the User API client of every session shares, for {@link QfUserContext#api()}. */
  QfApiClient.Wiring apiClients() {
    return apiClients;
  }

  /** Container threads waiting on QF's token endpoint now (the bulkhead in use); for tests. */
  int tokenCallsInFlight() {
    return tokens.callsInFlight();
  }

  /** Tries discovery now so the first sign-in is fast; failure here is not fatal. */
  void warmUp() {
    try {
      provider.load();
    } catch (QfAuthException e) {
      // Logged by Provider; /login reports it and discovery is retried there.
    }
  }

  /** Stops the HTTP threads, and closes a store that holds connections (qf-auth-redis). */
  void close() {
    http.close();
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Closing the session store failed: {0}", e.toString());
      }
    }
  }
}
