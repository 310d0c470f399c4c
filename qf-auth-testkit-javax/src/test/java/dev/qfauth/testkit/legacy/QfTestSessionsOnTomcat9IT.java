package dev.qfauth.testkit.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthFilter;
import dev.qfauth.QfCollection;
import dev.qfauth.QfUserContext;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestSessions;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javax testkit with the javax filter on Tomcat 9 (Servlet 4.0): QfTestSessions signs a user
 * into a running filter, and the app's page sees them and reaches the stand-in's User API. Written
 * against jakarta.servlet and transformed with the library (process-test-classes).
 */
final class QfTestSessionsOnTomcat9IT {
  private static final String CLIENT_ID = "legacy-app";
  private static final String SECRET = "legacy+secret%";

  @TempDir static Path work;
  private static QfStandIn qf;
  private static Tomcat tomcat;
  private static Context app;
  private static URI base;

  /**
   * The app's page: who is signed in and their collections. Tomcat's API takes javax types, so the
   * test hands Tomcat class names and gets the servlet context back from here.
   */
  public static final class WhoAmI extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static volatile ServletContext context;

    @Override
    public void init() {
      context = getServletContext();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      QfUserContext user = QfUserContext.current(request).orElseThrow();
      response
          .getWriter()
          .write(
              user.sub()
                  + "|"
                  + user.api().collections(20, null).items().stream()
                      .map(QfCollection::name)
                      .collect(Collectors.joining(",")));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    qf = QfStandIn.start().seedDemoData();
    qf.confidentialClient(CLIENT_ID, SECRET, "http://localhost/callback");
    tomcat = new Tomcat();
    tomcat.setBaseDir(work.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    app = tomcat.addContext("", null);
    FilterDef filter = new FilterDef();
    filter.setFilterName("qf-auth");
    filter.setFilterClass(QfAuthFilter.class.getName());
    filter.addInitParameter(QfAuthConfig.CLIENT_ID, CLIENT_ID);
    filter.addInitParameter(QfAuthConfig.CLIENT_SECRET, SECRET);
    filter.addInitParameter(QfAuthConfig.AUTH_BASE_URL, qf.authBaseUrl().toString());
    filter.addInitParameter(QfAuthConfig.API_BASE_URL, qf.apiBaseUrl().toString());
    filter.addInitParameter(QfAuthConfig.REDIRECT_URI, "http://localhost/callback");
    app.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("qf-auth");
    mapping.addURLPattern("/*");
    app.addFilterMap(mapping);
    Tomcat.addServlet(app, "whoami", WhoAmI.class.getName()).setLoadOnStartup(1);
    app.addServletMappingDecoded("/whoami", "whoami", false);
    tomcat.start();
    base = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    if (qf != null) {
      qf.close();
    }
  }

  @Test
  void signedInSessionReachesTheAppAndTheUserApiOnServlet40() throws Exception {
    String cookie = QfTestSessions.signIn(WhoAmI.context, qf, QfTestUser.ALICE);

    HttpResponse<String> page = new Browser(base).get("/whoami", "Cookie", cookie);

    assertEquals(200, page.statusCode(), page.body());
    assertEquals(QfTestUser.ALICE.sub() + "|Du'as from the Quran,Morning adhkar", page.body());
    assertEquals(0, qf.tokenCalls());
  }

  @Test
  void testkitJar_everyClassAndResource_namesNoJakartaPackage() throws IOException {
    Pattern jakarta = Pattern.compile("jakarta[./][a-z]");
    List<String> hits = new ArrayList<>();
    Path jar =
        Path.of(
            System.getProperty("qf.build"),
            "qf-auth-testkit-javax-" + System.getProperty("qf.version") + ".jar");
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : Collections.list(file.entries())) {
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/maven/")) {
          continue; // this module's POM, not something that runs
        }
        try (InputStream in = file.getInputStream(entry)) {
          if (jakarta.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).find()) {
            hits.add(entry.getName());
          }
        }
      }
    }
    assertEquals(List.of(), hits);
  }

  @Test
  void theClassesUnderTestAreTheJavaxOnes() {
    assertTrue(javax.servlet.Filter.class.isAssignableFrom(QfAuthFilter.class));
    assertTrue(
        QfTestSessions.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .getPath()
            .endsWith("qf-auth-testkit-javax-" + System.getProperty("qf.version") + ".jar"),
        QfTestSessions.class.getProtectionDomain().getCodeSource().getLocation().toString());
  }
}
