package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QF_PROTECTED_PATHS must match the path the container dispatches on, not the raw request URI: a
 * path parameter, a percent-encoded letter or a dot segment must not reach a protected servlet
 * without a session. Real Jetty, in-memory connector.
 */
final class ProtectedPathMatchingTest {
  private static Server server;
  private static LocalConnector connector;

  @BeforeAll
  static void start() throws Exception {
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId("qf-client")
            .redirectUri(URI.create("http://localhost/app/callback"))
            // Discovery is not needed to refuse anonymous requests; a closed port fails fast.
            .authBaseUrl(URI.create("http://127.0.0.1:1"))
            .protectedPaths("/admin/*", "*.secret", "/exact")
            .build();
    server = new Server();
    connector = new LocalConnector(server);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    context.addFilter(
        new FilterHolder(new QfAuthFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
    HttpServlet secret =
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            resp.setStatus(200);
            resp.getWriter().write("PROTECTED-CONTENT");
          }
        };
    context.addServlet(new ServletHolder(secret), "/admin/*");
    context.addServlet(new ServletHolder(secret), "*.secret");
    context.addServlet(new ServletHolder(secret), "/exact");
    context.addServlet(new ServletHolder(secret), "/public/*");
    server.setHandler(context);
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private static HttpTester.Response get(String path) throws Exception {
    return HttpTester.parseResponse(
        connector.getResponse(
            "GET "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n"));
  }

  @Test
  void protectedPath_plain_redirectsToLogin() throws Exception {
    HttpTester.Response r = get("/app/admin/panel");
    assertEquals(302, r.getStatus());
    assertEquals("/app/login?returnTo=%2Fadmin%2Fpanel", r.get("Location"));
  }

  @Test
  void publicPath_anonymous_served() throws Exception {
    HttpTester.Response r = get("/app/public/page");
    assertEquals(200, r.getStatus());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/admin/panel",
        "/app/admin",
        "/app/admin;x=1/panel",
        "/app/admin;jsessionid=ABC/panel",
        "/app/admin;/panel",
        "/app/%61dmin/panel",
        "/app/%61%64%6d%69%6e/panel",
        "/app/./admin/panel",
        "/app/public/../admin/panel",
        "/app/admin/panel;x=1",
        "/app/report.secret",
        "/app/report.secret;x=1",
        "/app/report.%73ecret",
        "/app/exact",
        "/app/exact;x=1",
        "/app/%65xact",
      })
  void protectedPath_anyDisguise_neverServedAnonymously(String path) throws Exception {
    HttpTester.Response r = get(path);
    assertNotEquals(200, r.getStatus(), path + " was served without a session");
    assertFalse(r.getContent().contains("PROTECTED-CONTENT"), path);
  }
}
