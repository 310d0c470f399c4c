package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthFilter;
import dev.qfauth.QfUserContext;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testsupport.Browser;
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
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The programmatic Jetty 12 wiring shown in web-fragment-docs/wiring.md, as written there. */
final class EmbeddedJettyTest {
  /** An app page that reads the user the way the README shows. */
  public static final class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String who = QfUserContext.current(request).map(QfUserContext::sub).orElse("visitor");
      response.getWriter().write("hello " + who);
    }
  }

  @Test
  void servletContextHandlerWithAConfiguredFilterInstance() throws Exception {
    try (QfStandIn provider = QfStandIn.start()) {
      QfAuthConfig config =
          QfAuthConfig.builder()
              .clientId("embedded-client")
              .authBaseUrl(URI.create(provider.authBaseUrl().toString()))
              .redirectUri(URI.create("http://localhost:8080/callback"))
              .protectedPaths("/account/*")
              .build();
      Server server = new Server();
      ServerConnector http = new ServerConnector(server);
      server.addConnector(http);
      ServletContextHandler context = new ServletContextHandler("/");
      context.addFilter(
          new FilterHolder(new QfAuthFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new Hello()), "/*");
      server.setHandler(context);
      server.start();
      try {
        Browser browser =
            new Browser(
                URI.create("http://localhost:" + http.getLocalPort() + "/"), "Accept", "text/html");

        assertEquals("hello visitor", browser.get("/").body());
        assertEquals(302, browser.get("/account/settings").statusCode());
        Redirects.assertToAuthorize(provider, browser.get("/login"));
      } finally {
        server.stop();
      }
    }
  }
}
