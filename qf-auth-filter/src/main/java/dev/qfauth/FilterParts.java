package dev.qfauth;

import java.lang.System.Logger.Level;

/**
 * The filter's parts, built from one configuration by {@link #of}, and closed when the filter is
 * destroyed. It holds no job of its own: the handlers get the part they need ({@link SignIns},
 * {@link ActiveSessions}, {@link Logouts}) and call it directly. Immutable; per-user data lives
 * only in the stores.
 *
 * @param backChannelLogout {@code null} when QF_BACKCHANNEL_LOGOUT_PATH is not set
 * @param apiClients what the User API client of every session shares, for {@link
 *     QfUserContext#api()}
 */
record FilterParts(
    QfAuthConfig config,
    HttpCalls http,
    Provider provider,
    TokenEndpoint tokens,
    SessionStore store,
    OpsMetrics metrics,
    SignIns signIns,
    ActiveSessions sessions,
    Logouts logouts,
    BackChannelLogout backChannelLogout,
    QfApiClient.Wiring apiClients) {
  private static final System.Logger LOG = System.getLogger(FilterParts.class.getName());

  static FilterParts of(QfAuthConfig config) {
    HttpCalls http = new HttpCalls(config.connectTimeout(), config.requestTimeout());
    Provider provider = new Provider(config, http);
    SessionStore store =
        config.sessionStore() != null
            ? config.sessionStore()
            : new CaffeineSessionStore(
                config.maxSessions(), config.sessionIdleTimeout(), config.clock());
    OpsMetrics metrics = OpsMetrics.load(config, store);
    TokenEndpoint tokens = new TokenEndpoint(config, provider, http, metrics);
    IdTokenVerifier verifier = new IdTokenVerifier(provider, config);
    Sessions made = new Sessions(config.clock(), config.postLogoutRedirectUri() != null);
    Refresher refresher = new Refresher(config, store, tokens, verifier, made, metrics);
    ActiveSessions sessions = new ActiveSessions(config, store, refresher);
    BackChannelLogout backChannelLogout;
    try {
      backChannelLogout =
          config.backchannelLogoutPath() == null
              ? null
              : new BackChannelLogout(config, verifier, store);
    } catch (QfConfigException e) {
      // The filter never calls close() on parts it did not get: no thread or connection left.
      close(http, store);
      throw e;
    }
    return new FilterParts(
        config,
        http,
        provider,
        tokens,
        store,
        metrics,
        SignIns.of(config, provider, tokens, verifier, store, made),
        sessions,
        new Logouts(config, store, tokens, provider),
        backChannelLogout,
        new QfApiClient.Wiring(
            http,
            config.apiBaseUrl().toString(),
            config.clientId(),
            sessions,
            config.clock(),
            config.apiTimeZone()));
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
    close(http, store);
  }

  private static void close(HttpCalls http, SessionStore store) {
    http.close();
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Closing the session store failed: {0}", e.toString());
      }
    }
  }

  /** Names no part: what a pluggable store prints is not this record's to vouch for. */
  @Override
  public String toString() {
    return "FilterParts[" + config.environment() + "]";
  }
}
