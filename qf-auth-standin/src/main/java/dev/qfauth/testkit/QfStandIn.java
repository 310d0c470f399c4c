package dev.qfauth.testkit;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;

/**
 * An in-process stand-in for Quran.Foundation's authorization server (Ory Hydra) and User API, for
 * tests and offline demos. It listens on a random loopback port and serves, on one origin:
 *
 * <ul>
 *   <li>{@link #authBaseUrl()}{@code /.well-known/openid-configuration}: OIDC discovery, whose
 *       endpoints use Hydra's paths ({@code /oauth2/auth}, {@code /oauth2/token}, {@code
 *       /oauth2/revoke}, {@code /oauth2/sessions/logout}, {@code /.well-known/jwks.json}, {@code
 *       /userinfo});
 *   <li>{@link #apiBaseUrl()}{@code /auth/v1/...}: every operation of QF's User API (collections,
 *       bookmarks, reading sessions, activity days, goals, streaks, preferences, notes) and {@code
 *       /quran-reflect/v1/users/profile}, with per-user state, checking {@code x-auth-token},
 *       {@code x-client-id} and scopes like QF.
 * </ul>
 *
 * <p>Where a client's correctness depends on it the stand-in is as strict as Hydra: exact redirect
 * URIs, PKCE S256, client authentication (HTTP Basic credentials form-urldecoded), single-use
 * codes, refresh-token rotation with reuse detection that revokes the token chain, {@code state} of
 * at least 8 characters. ID tokens are RS256 with a {@code kid}, signed by mock-oauth2-server. Like
 * Hydra, it remembers a browser that signed in at its page (a {@code qf_stand_in_session} cookie)
 * and signs it straight back in on the next authorization request, unless that request carries
 * {@code prompt=login} or RP-initiated logout ended the session.
 *
 * <pre>{@code
 * try (QfStandIn qf = QfStandIn.start()) {
 *   qf.confidentialClient("my-app", "s3cret", "http://localhost:8080/callback")
 *       .user(QfTestUser.ALICE)
 *       .autoLogin("alice");
 *   URI discovery = qf.discoveryUrl(); // point the application here
 * }
 * }</pre>
 *
 * <p>Thread-safe: controls may be called while requests are being served. Each control takes effect
 * for requests that arrive after it returns.
 */
public final class QfStandIn implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(QfStandIn.class.getName());

  private final MockOAuth2Server server;
  private final int port;
  private final Endpoints endpoints;
  private final StandInClock clock;
  private final Signer signer;
  private final Registry registry = new Registry();
  private final Controls controls;
  private final Observations observations = new Observations();
  private final Grants grants;
  private final UserLibrary library;
  private final UserApi userApi;
  private final StandInDispatcher dispatcher;
  private final LoginSessions loginSessions;
  private final AtomicBoolean closed = new AtomicBoolean();

  private QfStandIn(Builder b) {
    SecureRandom random = new SecureRandom();
    this.clock = new StandInClock(b.clock);
    this.signer = new Signer(clock, random);
    this.controls = new Controls(b.accessTokenLifetime);
    StandInRouter router = new StandInRouter();
    MockWebServerWrapper http = new MockWebServerWrapper();
    OAuth2Config config =
        new OAuth2Config(false, null, null, false, signer.provider(), Set.of(), http);
    this.server = new MockOAuth2Server(config, router);
    try {
      server.start(InetAddress.getLoopbackAddress(), b.port);
    } catch (Exception e) { // Kotlin throws IOException undeclared
      throw new IllegalStateException("QfStandIn could not listen on loopback port " + b.port, e);
    }
    this.dispatcher = new StandInDispatcher(router);
    http.getMockWebServer().setDispatcher(dispatcher);
    // Not server.baseUrl(): MockWebServer resolves its canonical host name, a reverse DNS lookup
    // that can take seconds on a machine without a resolver.
    this.port = config.getHttpServer().port();
    this.endpoints = Endpoints.of(b.host, port, b.issuerTrailingSlash);
    this.grants = new Grants(clock, signer, controls, random, endpoints.issuer());
    this.library = new UserLibrary(clock, random);
    this.userApi = new UserApi(grants, clock, library, new UserStore(clock, random));
    this.loginSessions = new LoginSessions(clock, random);
    ClientAuthenticator authenticator = new ClientAuthenticator(registry);
    router.wire(
        new StandInRouter.Parts(
            endpoints,
            signer,
            new AuthorizeEndpoint(registry, grants, controls, loginSessions),
            new TokenEndpoint(authenticator, grants, controls, b.legacyErrorFields),
            new RevocationEndpoint(authenticator, grants, b.legacyErrorFields),
            new EndSessionEndpoint(signer, registry, endpoints.issuer(), loginSessions),
            new UserInfoEndpoint(grants),
            userApi,
            observations));
    LOG.log(
        Level.INFO,
        "QF stand-in listening: authBase={0} issuer={1} apiBase={2}",
        endpoints.authBase(),
        endpoints.issuer(),
        endpoints.apiBase());
  }

  /** Starts a stand-in with the defaults of {@link Builder}. */
  public static QfStandIn start() {
    return builder().start();
  }

  /** A builder for a stand-in with a fixed port, another clock, and so on. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- URLs -------------------------------------------------------------------------------

  /**
   * The auth base, e.g. {@code http://localhost:41234}; QF's is {@code
   * https://oauth2.quran.foundation}.
   */
  public URI authBaseUrl() {
    return URI.create(endpoints.authBase());
  }

  /** The issuer, exactly as in discovery and every ID token's {@code iss}. */
  public String issuer() {
    return endpoints.issuer();
  }

  /** {@code {authBase}/.well-known/openid-configuration}. */
  public URI discoveryUrl() {
    return URI.create(endpoints.url(Endpoints.DISCOVERY));
  }

  /** {@code {authBase}/.well-known/jwks.json}. */
  public URI jwksUrl() {
    return URI.create(endpoints.url(Endpoints.JWKS));
  }

  /**
   * The User API base, e.g. {@code http://localhost:41234/api}; QF's is {@code
   * https://apis.quran.foundation}.
   */
  public URI apiBaseUrl() {
    return URI.create(endpoints.apiBase());
  }

  /** The port the stand-in listens on. */
  public int port() {
    return port;
  }

  // ---- clients and users ------------------------------------------------------------------

  /** Registers (or replaces) a client. */
  public QfStandIn client(QfTestClient client) {
    registry.put(Objects.requireNonNull(client, "client"));
    return this;
  }

  /** Registers a confidential client using HTTP Basic, with the default scopes. */
  public QfStandIn confidentialClient(String clientId, String secret, String... redirectUris) {
    return client(QfTestClient.confidential(clientId, secret).redirectUris(redirectUris).build());
  }

  /** Registers a public (PKCE-only) client with the default scopes. */
  public QfStandIn publicClient(String clientId, String... redirectUris) {
    return client(QfTestClient.publicClient(clientId).redirectUris(redirectUris).build());
  }

  /** Registers (or replaces, by username) a user; later logins use the new claims and scopes. */
  public QfStandIn user(QfTestUser user) {
    registry.put(Objects.requireNonNull(user, "user"));
    return this;
  }

  /**
   * Registers {@link QfTestUser#ALICE} and {@link QfTestUser#BILAL} with a few collections each;
   * Alice also gets a reading session, a three-day streak of Quran activity, a daily time goal, a
   * theme preference and a note. Call once.
   */
  public QfStandIn seedDemoData() {
    user(QfTestUser.ALICE).user(QfTestUser.BILAL);
    addCollection("alice", "Morning adhkar", "2:255", "112:1", "113:1", "114:1");
    addCollection("alice", "Du'as from the Quran", "2:201", "3:8", "25:74");
    addBookmark("alice", "18:10");
    addCollection("bilal", "Stories of the Prophets", "12:4", "18:60", "28:7");
    userApi.seedDemo("alice");
    return this;
  }

  // ---- User API data ------------------------------------------------------------------------

  /**
   * Adds a collection for a registered user, holding ayah bookmarks for {@code verseKeys} such as
   * {@code "2:255"}, and returns its id.
   */
  public String addCollection(String username, String name, String... verseKeys) {
    requireUser(username);
    Objects.requireNonNull(name, "name");
    List<int[]> verses = new ArrayList<>();
    for (String key : verseKeys) {
      verses.add(verse(key));
    }
    return library.seedCollection(username, name, verses);
  }

  /** Adds a standalone ayah bookmark ({@code "18:10"}) for a registered user and returns its id. */
  public String addBookmark(String username, String verseKey) {
    requireUser(username);
    int[] verse = verse(verseKey);
    return library.seedBookmark(username, verse[0], verse[1]);
  }

  /** The names of a user's collections, most recently updated first. */
  public List<String> collectionNames(String username) {
    return library.collectionNames(username);
  }

  // ---- login ------------------------------------------------------------------------------

  /**
   * Makes the next authorization request approve {@code username} without showing the sign-in page.
   * One-shot; a {@code login_hint} naming a registered user does the same per request.
   */
  public QfStandIn autoLogin(String username) {
    controls.autoLogin(requireUser(username).username());
    return this;
  }

  /** Registers {@code user} and makes the next authorization request approve it. */
  public QfStandIn autoLogin(QfTestUser user) {
    return user(user).autoLogin(user.username());
  }

  /**
   * Makes the next authorization request redirect back with {@code error=access_denied}. One-shot.
   */
  public QfStandIn denyNextLogin() {
    controls.denyNextLogin();
    return this;
  }

  // ---- tokens and time ------------------------------------------------------------------------

  /**
   * Mints a token set for {@code user} as if they had signed in to the registered client {@code
   * clientId} and approved {@code scopes}, without the browser flow or a token call (so {@link
   * #tokenCalls()} does not count it). The user is registered (or replaced) first; the granted
   * scopes are {@code scopes} minus the user's {@link QfTestUser#withheldScopes() withheld} ones,
   * as on the sign-in page. The tokens work everywhere the stand-in's tokens work: the User API,
   * refresh with rotation (with {@code offline_access}), revocation, end-session.
   *
   * <p>For signing a host app's test request in without the login: {@link QfTestSessions} builds on
   * it.
   *
   * @throws IllegalArgumentException when the client is not registered or may not request one of
   *     the scopes
   */
  public QfIssuedTokens issueTokens(String clientId, QfTestUser user, String... scopes) {
    Objects.requireNonNull(user, "user");
    QfTestClient client = registry.client(clientId);
    if (client == null) {
      throw new IllegalArgumentException(
          "unknown client '" + clientId + "'; register it first with client(QfTestClient)");
    }
    List<String> granted = new ArrayList<>();
    for (String scope : Scopes.parse(String.join(" ", scopes))) {
      if (!Scopes.covers(client.scopes(), scope)) {
        throw new IllegalArgumentException(
            "client '" + clientId + "' may not request scope '" + scope + "'");
      }
      if (user.grants(scope)) {
        granted.add(scope);
      }
    }
    user(user);
    Grants.Issued issued = grants.issueWithoutLogin(client, user, granted);
    return new QfIssuedTokens(
        issued.accessToken(),
        Duration.ofSeconds(issued.expiresIn()),
        issued.refreshToken(),
        issued.idToken(),
        issued.scopes());
  }

  /** Queues a failure for the next token call; several calls queue several failures. */
  public QfStandIn failNextTokenCall(QfTokenFailure failure) {
    controls.addTokenFailure(Objects.requireNonNull(failure, "failure"));
    return this;
  }

  /**
   * Fails every token call with {@code failure}, whatever its grant type, until {@link
   * #endTokenOutage()} or {@link #reset()}: an outage of the token endpoint, for testing a client's
   * back-off and how it keeps a session through it. Failures queued with {@link #failNextTokenCall}
   * still come first. Every call is counted in {@link #tokenCalls()}.
   */
  public QfStandIn failTokenCallsUntilEnded(QfTokenFailure failure) {
    controls.tokenOutage(Objects.requireNonNull(failure, "failure"));
    return this;
  }

  /** Ends the outage begun by {@link #failTokenCallsUntilEnded}; queued failures stay. */
  public QfStandIn endTokenOutage() {
    controls.tokenOutage(null);
    return this;
  }

  /**
   * Sets the lifetime of access tokens issued from now on ({@code expires_in}); default one hour.
   * {@link Duration#ZERO} issues tokens that are already expired.
   */
  public QfStandIn accessTokenLifetime(Duration lifetime) {
    controls.accessTokenLifetime(validLifetime(lifetime));
    return this;
  }

  /** Expires every access token issued to {@code username} so far; refresh tokens stay valid. */
  public QfStandIn expireAccessTokens(String username) {
    grants.expireAccessTokens(username);
    return this;
  }

  /**
   * Revokes every token chain of {@code username}, as when the user disconnects the application.
   */
  public QfStandIn revokeGrants(String username) {
    grants.revokeAll(username);
    return this;
  }

  /** Moves the stand-in's clock forward (token expiry, {@code iat}, {@code exp}). */
  public QfStandIn advanceClock(Duration amount) {
    clock.advance(notNegative(amount, "amount", "the clock only moves forward"));
    return this;
  }

  /** The stand-in's current time. */
  public Instant now() {
    return clock.now();
  }

  /**
   * Signs ID tokens with a new key from now on and returns its {@code kid}; the old key stays in
   * the JWKS. For testing a client's JWKS refresh on an unknown {@code kid}.
   */
  public String rotateSigningKey() {
    return signer.rotateIdTokenKey();
  }

  // ---- what clients sent -------------------------------------------------------------------

  /**
   * Token calls with this {@code grant_type} since start or {@link #reset()}, failed ones included.
   */
  public int tokenCalls(String grantType) {
    return observations.tokenCalls(grantType);
  }

  /** Fetches of the discovery document since start or {@link #reset()}. */
  public int discoveryFetches() {
    return observations.calls(Observations.Endpoint.DISCOVERY);
  }

  /**
   * Fetches of the JWKS since start or {@link #reset()}: a client that caches keys fetches it once,
   * and again only for an unknown {@code kid}.
   */
  public int jwksFetches() {
    return observations.calls(Observations.Endpoint.JWKS);
  }

  /** Authorization requests (browser sign-ins begun) since start or {@link #reset()}. */
  public int authorizationRequests() {
    return observations.calls(Observations.Endpoint.AUTHORIZE);
  }

  /** All token calls since start or {@link #reset()}. */
  public int tokenCalls() {
    return observations.calls(Observations.Endpoint.TOKEN);
  }

  /** The last token request. */
  public Optional<QfRecordedRequest> lastTokenRequest() {
    return observations.last(Observations.Endpoint.TOKEN);
  }

  /** User API calls since start or {@link #reset()}, refused ones included. */
  public int apiCalls() {
    return observations.calls(Observations.Endpoint.API);
  }

  /** The last User API request. */
  public Optional<QfRecordedRequest> lastApiRequest() {
    return observations.last(Observations.Endpoint.API);
  }

  /** Revocation calls since start or {@link #reset()}. */
  public int revocationCalls() {
    return observations.calls(Observations.Endpoint.REVOCATION);
  }

  /** The last revocation request. */
  public Optional<QfRecordedRequest> lastRevocationRequest() {
    return observations.last(Observations.Endpoint.REVOCATION);
  }

  /** The last end-session (logout) request. */
  public Optional<QfRecordedRequest> lastEndSessionRequest() {
    return observations.last(Observations.Endpoint.END_SESSION);
  }

  /**
   * Clears per-test state: queued failures, a token outage, pending auto-login or denial, the
   * access-token lifetime, the clock offset, the browsers' sign-in sessions, and all counters and
   * recorded requests. Clients, users, issued tokens and User API data stay.
   */
  public void reset() {
    controls.reset();
    observations.reset();
    loginSessions.clear();
    clock.reset();
  }

  /** The hostile provider's hook: sees every request first ({@code null} removes it). */
  void interceptor(StandInDispatcher.Interceptor interceptor) {
    dispatcher.interceptor(interceptor);
  }

  /**
   * Stops the server. Idempotent. A token call held by a {@link QfTokenFailure#delay delay} is let
   * go at once (answered 503, or its connection closed) rather than holding up the shutdown.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      controls.close();
      server.shutdown();
      LOG.log(Level.DEBUG, "QF stand-in on {0} stopped", endpoints.authBase());
    }
  }

  @Override
  public String toString() {
    return "QfStandIn[authBase=" + endpoints.authBase() + ", apiBase=" + endpoints.apiBase() + "]";
  }

  private QfTestUser requireUser(String username) {
    QfTestUser user = registry.user(username);
    if (user == null) {
      throw new IllegalArgumentException(
          "unknown user '" + username + "'; register it first with user(QfTestUser)");
    }
    return user;
  }

  private static Duration validLifetime(Duration lifetime) {
    return notNegative(lifetime, "lifetime", "lifetime must not be negative");
  }

  private static Duration notNegative(Duration duration, String name, String problem) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(problem + ": " + duration);
    }
    return duration;
  }

  private static int[] verse(String verseKey) {
    String[] parts = Objects.requireNonNull(verseKey, "verseKey").split(":");
    try {
      int surah = Integer.parseInt(parts[0]);
      int ayah = Integer.parseInt(parts[1]);
      if (parts.length == 2 && surah >= 1 && surah <= 114 && ayah >= 1) {
        return new int[] {surah, ayah};
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "verse key must look like \"2:255\", got \"" + verseKey + "\"");
  }

  /**
   * Configures a {@link QfStandIn}. Defaults: a random port, host name {@code localhost}, the
   * system UTC clock, an issuer with a trailing slash (as in QF's documented ID token), one-hour
   * access tokens, Hydra's current error JSON. Not thread-safe.
   */
  public static final class Builder {
    private int port;
    private String host = "localhost";
    private Clock clock = Clock.systemUTC();
    private boolean issuerTrailingSlash = true;
    private Duration accessTokenLifetime = Duration.ofHours(1);
    private boolean legacyErrorFields;

    private Builder() {}

    /** A fixed port (0, the default, picks a free one). Useful for demos with bookmarked URLs. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The host name in every URL; it must resolve to the loopback address the stand-in binds to.
     * Use {@code 127.0.0.1} to keep cookies of an application on {@code localhost} apart.
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.contains("/") || host.contains(":")) {
        throw new IllegalArgumentException("host must be a plain host name, got '" + host + "'");
      }
      this.host = host;
      return this;
    }

    /** The base clock; {@link QfStandIn#advanceClock} moves the stand-in's time past it. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether the issuer ends in '/' ({@code http://localhost:PORT/}); default true. */
    public Builder issuerTrailingSlash(boolean trailingSlash) {
      this.issuerTrailingSlash = trailingSlash;
      return this;
    }

    /** The default access-token lifetime, restored by {@link QfStandIn#reset()}. */
    public Builder accessTokenLifetime(Duration lifetime) {
      this.accessTokenLifetime = validLifetime(lifetime);
      return this;
    }

    /**
     * Sends Hydra's legacy error JSON ({@code error_hint}, {@code status_code}, description without
     * the hint), which QF's documented examples show, instead of the current {@code {error,
     * error_description}}.
     */
    public Builder legacyErrorFields(boolean legacy) {
      this.legacyErrorFields = legacy;
      return this;
    }

    /** Starts the stand-in; fails when the port cannot be bound. */
    public QfStandIn start() {
      return new QfStandIn(this);
    }
  }
}
