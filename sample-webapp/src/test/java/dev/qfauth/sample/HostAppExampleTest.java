package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthFilter;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testkit.QfTestSessions;
import dev.qfauth.testkit.QfTestUser;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A host app's page tested as a signed-in QF user, without the login. */
final class HostAppExampleTest {
  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.seedDemoData().confidentialClient("my-app", "my-secret", "http://localhost/cb"));

  static Server server;
  static ServletContextHandler app;

  @BeforeAll
  static void startApp() throws Exception {
    QfStandIn qf = QF.standIn();
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId("my-app")
            .clientSecret("my-secret")
            .authBaseUrl(qf.authBaseUrl())
            .apiBaseUrl(qf.apiBaseUrl())
            .redirectUri(URI.create("http://localhost/cb"))
            .protectedPaths("/collections")
            .build();
    server = new Server();
    server.addConnector(new ServerConnector(server));
    app = new ServletContextHandler("/");
    app.addFilter(
        new FilterHolder(new QfAuthFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
    app.addServlet(CollectionsServlet.class, "/collections"); // the page under test
    server.setHandler(app);
    server.start();
  }

  @AfterAll
  static void stopApp() throws Exception {
    server.stop();
  }

  @Test
  void signedInUserSeesTheirCollectionsWithoutLoggingIn() throws Exception {
    String cookie = QfTestSessions.signIn(app.getServletContext(), QF.standIn(), QfTestUser.ALICE);

    HttpResponse<String> page = get("/collections", cookie);

    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Morning adhkar")); // seeded at the stand-in's User API
    assertEquals(0, QF.standIn().tokenCalls()); // no login happened
  }

  @Test
  void userWhoWithholdsTheCollectionScopeSeesTheFeatureHidden() throws Exception {
    QfTestUser sara = QfTestUser.builder("sara").withholdScopes("collection").build();
    String cookie = QfTestSessions.signIn(app.getServletContext(), QF.standIn(), sara);

    HttpResponse<String> page = get("/collections", cookie);

    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"collections-withheld\"")); // a note, not the list
    assertEquals(0, QF.standIn().apiCalls()); // the page asked QfUserContext.hasScope first
  }

  @Test
  void visitorIsSentToLogin() throws Exception {
    assertEquals(302, get("/collections", null).statusCode());
  }

  static HttpResponse<String> get(String path, String cookie) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
