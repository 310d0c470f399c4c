package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfApiException;
import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthFilter;
import dev.qfauth.QfCollection;
import dev.qfauth.QfUserContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link QfTestSessions} and {@link QfStandIn#issueTokens} against the real filter on a real Jetty
 * 12: a session put in without the login behaves like one from a real sign-in (User API, refresh,
 * logout with revocation).
 */
final class QfTestSessionsTest {
  private static final String CLIENT_ID = "host-app";
  private static final String SECRET = "host+secret%";
  private static final String CALLBACK = "http://localhost/callback";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.seedDemoData().confidentialClient(CLIENT_ID, SECRET, CALLBACK));

  private static Server server;
  private static ServletContextHandler app;
  private static URI url;

  /** The host app's page: who is signed in, their scopes, and their collections from QF. */
  public static final class WhoAmI extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      QfUserContext user = QfUserContext.current(request).orElseThrow();
      String collections;
      try {
        collections =
            user.api().collections(20, null).items().stream()
                .map(QfCollection::name)
                .collect(Collectors.joining(","));
      } catch (QfApiException e) {
        collections = "api-" + e.remoteStatus();
      }
      response
          .getWriter()
          .write(
              user.sub()
                  + "|"
                  + user.name().orElse("")
                  + "|"
                  + new TreeSet<>(user.scopes())
                  + "|"
                  + collections);
    }
  }

  @BeforeAll
  static void startApp() throws Exception {
    QfStandIn qf = QF.standIn();
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId(CLIENT_ID)
            .clientSecret(SECRET)
            .authBaseUrl(qf.authBaseUrl())
            .apiBaseUrl(qf.apiBaseUrl())
            .redirectUri(URI.create(CALLBACK))
            .build();
    server = new Server();
    ServerConnector http = new ServerConnector(server);
    server.addConnector(http);
    app = new ServletContextHandler("/");
    app.addFilter(
        new FilterHolder(new QfAuthFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
    app.addServlet(new ServletHolder(new WhoAmI()), "/whoami");
    server.setHandler(app);
    server.start();
    url = URI.create("http://localhost:" + http.getLocalPort() + "/");
  }

  @AfterAll
  static void stopApp() throws Exception {
    server.stop();
  }

  @Test
  void signedInRequestReachesTheUserApiWithoutAnyTokenCall() throws Exception {
    String cookie = QfTestSessions.signIn(app.getServletContext(), QF.standIn(), QfTestUser.ALICE);

    HttpResponse<String> page = get("whoami", cookie);

    assertEquals(200, page.statusCode(), page.body());
    assertEquals(
        QfTestUser.ALICE.sub()
            + "|Alice Rahman|[collection, offline_access, openid, user]|"
            + "Du'as from the Quran,Morning adhkar",
        page.body());
    assertTrue(cookie.matches("QF_SESSION=[A-Za-z0-9_-]{43}"), cookie);
    assertEquals(0, QF.standIn().tokenCalls());
    assertEquals(1, QF.standIn().apiCalls());
    assertEquals(
        CLIENT_ID, QF.standIn().lastApiRequest().orElseThrow().header("x-client-id").orElseThrow());
  }

  @Test
  void withheldScopeIsNotGrantedAndTheApiRefuses() throws Exception {
    QfTestUser sara = QfTestUser.builder("sara").name("Sara").withholdScopes("collection").build();
    String cookie = QfTestSessions.signIn(app.getServletContext(), QF.standIn(), sara);

    HttpResponse<String> page = get("whoami", cookie);

    assertEquals(sara.sub() + "|Sara|[offline_access, openid, user]|api-403", page.body());
  }

  @Test
  void expiredAccessTokenIsRefreshedAtTheStandIn() throws Exception {
    String cookie = QfTestSessions.signIn(app.getServletContext(), QF.standIn(), QfTestUser.BILAL);
    QF.standIn().expireAccessTokens("bilal");

    HttpResponse<String> page = get("whoami", cookie);

    assertTrue(page.body().endsWith("|Stories of the Prophets"), page.body());
    assertEquals(1, QF.standIn().tokenCalls("refresh_token"));
    assertTrue(QF.standIn().lastTokenRequest().orElseThrow().header("authorization").isPresent());
  }

  @Test
  void logoutRevokesTheMintedRefreshTokenAndEndsTheSession() throws Exception {
    String cookie = QfTestSessions.signIn(app.getServletContext(), QF.standIn(), QfTestUser.ALICE);

    HttpResponse<String> logout =
        HTTP.send(
            HttpRequest.newBuilder(url.resolve("logout"))
                .header("Cookie", cookie)
                // The app's origin (its redirect URI's): the filter refuses a POST naming none.
                .header("Origin", "http://localhost")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(303, logout.statusCode());
    assertEquals(1, QF.standIn().revocationCalls());
    HttpResponse<String> after = get("whoami", cookie);
    assertEquals(302, after.statusCode());
  }

  @Test
  void signIn_contextWithoutTheFilter_failsNamingTheAttribute() throws Exception {
    ServletContextHandler bare = new ServletContextHandler("/bare");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> QfTestSessions.signIn(bare.getServletContext(), QF.standIn(), QfTestUser.ALICE));

    assertTrue(e.getMessage().contains(QfAuthFilter.CONFIG_ATTRIBUTE), e.getMessage());
  }

  @Test
  void signIn_filterPointedAtAnotherStandIn_fails() {
    try (QfStandIn other = QfStandIn.start()) {
      other.confidentialClient(CLIENT_ID, SECRET, CALLBACK);

      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> QfTestSessions.signIn(app.getServletContext(), other, QfTestUser.ALICE));

      assertTrue(e.getMessage().contains("QF_AUTH_BASE_URL"), e.getMessage());
    }
  }

  @Test
  void issueTokens_unknownClient_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QF.standIn().issueTokens("nobody", QfTestUser.ALICE, "openid"));

    assertTrue(e.getMessage().startsWith("unknown client 'nobody'"), e.getMessage());
  }

  @Test
  void issueTokens_scopeTheClientMayNotRequest_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QF.standIn().issueTokens(CLIENT_ID, QfTestUser.ALICE, "openid", "offline"));

    assertEquals("client 'host-app' may not request scope 'offline'", e.getMessage());
  }

  @Test
  void issueTokens_withoutOfflineAccess_noRefreshTokenAndNothingPrinted() {
    QfIssuedTokens tokens = QF.standIn().issueTokens(CLIENT_ID, QfTestUser.ALICE, "openid", "user");

    assertFalse(tokens.refreshToken().isPresent());
    assertTrue(tokens.idToken().isPresent());
    assertEquals(Duration.ofHours(1), tokens.expiresIn());
    assertEquals(
        "QfIssuedTokens[expiresIn=PT1H, scopes=[openid, user], refreshToken=none, idToken=***]",
        tokens.toString());
    assertFalse(tokens.toString().contains(tokens.accessToken()));
    assertEquals(0, QF.standIn().tokenCalls());
  }

  private static HttpResponse<String> get(String path, String cookie) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url.resolve(path))
            .header("Cookie", cookie)
            .header("Accept", "text/html")
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
