package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * qf-auth-filter's {@code META-INF/web-fragment.xml} in real containers: an app that only adds the
 * jar to WEB-INF/lib gets the filter; web.xml can configure and reorder it by its name, and can opt
 * out of it. Each case runs on embedded Tomcat 11 and Jetty 12 ee10.
 */
final class WebFragmentTest {
  @RegisterExtension static final QfStandInExtension QF = new QfStandInExtension();

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Container.class)
  void jarAloneInstallsTheFilterConfiguredFromSystemProperties(Container container)
      throws Exception {
    Path webapp =
        ExplodedWebApp.create(
            tmp.resolve("app"),
            ExplodedWebApp.webXml("", "<display-name>no filter</display-name>"));
    Map<String, String> settings =
        Map.of(
            QfAuthConfig.CLIENT_ID, "fragment-client",
            QfAuthConfig.AUTH_BASE_URL, QF.standIn().authBaseUrl().toString(),
            QfAuthConfig.REDIRECT_URI, "http://localhost/callback");

    try (Container.Deployed app = deployWithSystemProperties(container, webapp, settings)) {
      assertTrue(app.available());
      Browser browser = new Browser(app.url(), "Accept", "text/html");
      Redirects.assertToAuthorize(QF.standIn(), browser.get("/login"));
      // Default QF_PROTECTED_PATHS is /*: everything else needs a sign-in.
      HttpResponse<String> page = browser.get("/page");
      assertEquals(302, page.statusCode());
      assertEquals("/login?returnTo=%2Fpage", Redirects.location(page));
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void jarAloneWithoutClientIdFailsTheDeployment(Container container) throws Exception {
    // The filter also reads the real environment; this test needs it without a client id.
    assumeTrue(System.getenv(QfAuthConfig.CLIENT_ID) == null);
    Path webapp =
        ExplodedWebApp.create(
            tmp.resolve("app"),
            ExplodedWebApp.webXml("", "<display-name>no filter</display-name>"));

    try (Container.Deployed app = container.deploy(webapp, tmp.resolve("work"))) {
      assertFalse(app.available());
      // Nothing is served in its place: Tomcat has no context at "/" (404), Jetty answers 503.
      assertEquals(
          container == Container.TOMCAT ? 404 : 503,
          new Browser(app.url(), "Accept", "text/html").get("/login").statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void webXmlConfiguresTheFragmentFilterByNameAndRunsItsOwnFiltersFirst(Container container)
      throws Exception {
    Path webapp =
        ExplodedWebApp.create(
            tmp.resolve("app"),
            ExplodedWebApp.webXml("", appFilter() + configuredQfAuth() + appFilterMapping()));

    try (Container.Deployed app = container.deploy(webapp, tmp.resolve("work"))) {
      assertTrue(app.available());
      Browser browser = new Browser(app.url(), "Accept", "text/html");
      HttpResponse<String> login = browser.get("/login");
      Redirects.assertToAuthorize(QF.standIn(), login);
      // The fragment's mapping comes after web.xml's: the app's filter saw /login first.
      assertEquals(Optional.of("ran"), login.headers().firstValue(MarkingFilter.HEADER));
      // QF_PROTECTED_PATHS from the init-param: /public passes through (and finds nothing).
      assertEquals(404, browser.get("/public").statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void webXmlMappingPutsQfAuthBeforeTheAppsOwnFilters(Container container) throws Exception {
    String qfAuthFirst =
        "<filter-mapping><filter-name>qf-auth</filter-name>"
            + "<url-pattern>/*</url-pattern></filter-mapping>";
    Path webapp =
        ExplodedWebApp.create(
            tmp.resolve("app"),
            ExplodedWebApp.webXml(
                "", appFilter() + configuredQfAuth() + qfAuthFirst + appFilterMapping()));

    try (Container.Deployed app = container.deploy(webapp, tmp.resolve("work"))) {
      assertTrue(app.available());
      HttpResponse<String> login = new Browser(app.url(), "Accept", "text/html").get("/login");
      Redirects.assertToAuthorize(QF.standIn(), login);
      // QfAuthFilter answered /login before the app's filter was reached.
      assertFalse(login.headers().firstValue(MarkingFilter.HEADER).isPresent());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void emptyAbsoluteOrderingOptsOut(Container container) throws Exception {
    assertOptedOut(container, "", "<absolute-ordering/>");
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void metadataCompleteOptsOut(Container container) throws Exception {
    assertOptedOut(container, "metadata-complete=\"true\"", "");
  }

  /** No filter: /login is just a missing page (and nothing failed for lack of configuration). */
  private void assertOptedOut(Container container, String attributes, String body)
      throws Exception {
    Path webapp =
        ExplodedWebApp.create(tmp.resolve("app"), ExplodedWebApp.webXml(attributes, body));

    try (Container.Deployed app = container.deploy(webapp, tmp.resolve("work"))) {
      assertTrue(app.available());
      assertEquals(404, new Browser(app.url(), "Accept", "text/html").get("/login").statusCode());
    }
  }

  private static String appFilter() {
    return "<filter><filter-name>app</filter-name>"
        + "<filter-class>"
        + MarkingFilter.class.getName()
        + "</filter-class></filter>";
  }

  private static String appFilterMapping() {
    return "<filter-mapping><filter-name>app</filter-name>"
        + "<url-pattern>/*</url-pattern></filter-mapping>";
  }

  /** The fragment's filter, named but without class or mapping: init-params only. */
  private static String configuredQfAuth() {
    return "<filter><filter-name>qf-auth</filter-name>"
        + param(QfAuthConfig.CLIENT_ID, "fragment-client")
        + param(QfAuthConfig.AUTH_BASE_URL, QF.standIn().authBaseUrl().toString())
        + param(QfAuthConfig.REDIRECT_URI, "http://localhost/callback")
        + param(QfAuthConfig.PROTECTED_PATHS, "/private/*")
        + "</filter>";
  }

  private static String param(String name, String value) {
    return "<init-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></init-param>";
  }

  /** The filter reads system properties once, in init; they are removed again right after. */
  private Container.Deployed deployWithSystemProperties(
      Container container, Path webapp, Map<String, String> settings) throws Exception {
    settings.forEach(System::setProperty);
    try {
      return container.deploy(webapp, tmp.resolve("work"));
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
  }
}
