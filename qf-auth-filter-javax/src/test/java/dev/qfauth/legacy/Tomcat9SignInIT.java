package dev.qfauth.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javax jars in a real Servlet 4.0 container (Tomcat 9, embedded), deployed the way a legacy
 * app carries them: in WEB-INF/lib, the filter installed by its web-fragment.xml, configured by
 * init-params in the app's web.xml. A full sign-in runs against the testkit's QfStandIn (login,
 * callback, code exchange, ID token check, a User API call from the app's page).
 */
final class Tomcat9SignInIT {
  private static final String CLIENT_ID = "legacy-app";
  private static final String SECRET = "legacy+secret%";
  private static final String BUILD = System.getProperty("qf.build", "target");
  private static final String VERSION = System.getProperty("qf.version");
  private static final String PLAIN_JAR = "qf-auth-filter-javax-" + VERSION + ".jar";
  private static final String ALL_JAR = "qf-auth-filter-javax-" + VERSION + "-all.jar";

  @TempDir static Path work;
  private static QfStandIn qf;
  private static Tomcat tomcat;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    qf = QfStandIn.start().seedDemoData();
    tomcat = new Tomcat();
    tomcat.setBaseDir(work.resolve("tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    tomcat.getHost(); // before start, so the mapper knows the default host
    tomcat.start();
    base = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort());
    qf.confidentialClient(
        CLIENT_ID,
        SECRET,
        base + "/declared/callback",
        base + "/all-legacy/callback",
        base + "/old-nimbus/callback");
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
  void javaxJarWithItsDeclaredLibrariesSignsAUserInOnTomcat9() throws Exception {
    String[] page = deployAndSignIn("/declared", webInfLib(libraries("declared"), PLAIN_JAR));

    assertEquals(QfTestUser.ALICE.sub(), page[0]);
    assertEquals("Alice Rahman", page[1]);
    assertEquals("Du'as from the Quran,Morning adhkar", page[2]);
    assertEquals(PLAIN_JAR, page[3]);
  }

  @Test
  void allJarBesideTheAppsOwnJackson212AndNimbus9SignsAUserInOnTomcat9() throws Exception {
    String[] page = deployAndSignIn("/all-legacy", webInfLib(libraries("legacy"), ALL_JAR));

    assertEquals(QfTestUser.ALICE.sub(), page[0]);
    assertEquals("Du'as from the Quran,Morning adhkar", page[2]);
    // The filter's classes from the all jar; the app's own Jackson and Nimbus are the old ones.
    assertEquals(ALL_JAR, page[3]);
    assertEquals("jackson-databind-" + System.getProperty("legacy.jackson") + ".jar", page[4]);
    assertEquals("nimbus-jose-jwt-" + System.getProperty("legacy.nimbus") + ".jar", page[5]);
  }

  @Test
  void javaxJarBesideNimbus9AndCaffeine2SignsAUserInOnTomcat9() throws Exception {
    // An app that pins old Nimbus and Caffeine but has Jackson 2.15+: the plain jar is enough.
    List<Path> mixed = new ArrayList<>();
    for (Path jar : libraries("declared")) {
      if (jar.getFileName().toString().startsWith("jackson-")) {
        mixed.add(jar);
      }
    }
    for (Path jar : libraries("legacy")) {
      if (!jar.getFileName().toString().startsWith("jackson-")) {
        mixed.add(jar);
      }
    }
    String[] page = deployAndSignIn("/old-nimbus", webInfLib(mixed, PLAIN_JAR));

    assertEquals(QfTestUser.ALICE.sub(), page[0]);
    assertEquals("Du'as from the Quran,Morning adhkar", page[2]);
    assertEquals(PLAIN_JAR, page[3]);
    assertEquals("nimbus-jose-jwt-" + System.getProperty("legacy.nimbus") + ".jar", page[5]);
  }

  @Test
  void javaxJarBesideJackson212DoesNotStart() throws Exception {
    // Why the all jar exists: the plain jar needs Jackson 2.15+ (StreamReadConstraints).
    Context context = context("/plain-legacy", webInfLib(libraries("legacy"), PLAIN_JAR));
    tomcat.getHost().addChild(context);

    // Tomcat logs the filter's NoSuchMethodError (JsonFactory.setStreamReadConstraints) and
    // stops the app.
    assertFalse(context.getState().isAvailable(), context.getState().toString());
  }

  /** The app's own libraries: the jars the build put in target/webapp-libs/{@code set}. */
  private static List<Path> libraries(String set) {
    return LegacyApp.jarsIn(Path.of(BUILD, "webapp-libs", set));
  }

  /** An app's WEB-INF/lib: its {@code libraries}, then the filter's jar of that name. */
  private static List<Path> webInfLib(List<Path> libraries, String filterJar) {
    List<Path> jars = new ArrayList<>(libraries);
    jars.add(Path.of(BUILD, filterJar));
    return jars;
  }

  private static void deploy(String path, List<Path> jars) throws Exception {
    Context context = context(path, jars);
    tomcat.getHost().addChild(context);
    assertEquals(LifecycleState.STARTED, context.getState(), path + " did not start");
  }

  private static Context context(String path, List<Path> jars) throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("QF_CLIENT_ID", CLIENT_ID);
    settings.put("QF_CLIENT_SECRET", SECRET);
    settings.put("QF_AUTH_BASE_URL", qf.authBaseUrl().toString());
    settings.put("QF_API_BASE_URL", qf.apiBaseUrl().toString());
    settings.put("QF_REDIRECT_URI", base + path + "/callback");
    settings.put("QF_PROTECTED_PATHS", "/whoami");
    Path dir =
        LegacyApp.build(Files.createDirectories(work.resolve(path.substring(1))), jars, settings);

    StandardContext context = new StandardContext();
    context.setName(path);
    context.setPath(path);
    context.setDocBase(dir.toString());
    context.addLifecycleListener(new ContextConfig());
    // Only WEB-INF/lib: the test's own class path holds the same jar, whose fragment would clash.
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    context.setJarScanner(scanner);
    context.setParentClassLoader(Tomcat9SignInIT.class.getClassLoader());
    // What a Tomcat distribution's conf/web.xml gives every app: without a servlet for a path,
    // Tomcat answers 404 before any filter runs, and /login, /callback are the filter's own.
    Tomcat.addServlet(context, "default", DefaultServlet.class.getName());
    context.addServletMappingDecoded("/", "default", false);
    return context;
  }

  /**
   * Deploys the app at {@code path} with {@code jars} in WEB-INF/lib, then a browser's sign-in, one
   * hop at a time: the protected page sends it to /login, /login to the stand-in (which signs ALICE
   * in at once), the stand-in back to /callback with the login cookie, /callback to the page with
   * the session cookie. Returns the page's fields.
   */
  private static String[] deployAndSignIn(String path, List<Path> jars) throws Exception {
    deploy(path, jars);
    int codeCalls = qf.tokenCalls("authorization_code");
    qf.autoLogin(QfTestUser.ALICE); // for the next authorization request only
    Browser browser = new Browser(base, "Accept", "text/html"); // a new one: no cookie yet
    HttpResponse<String> protectedPage = browser.get(path + "/whoami");
    assertEquals(302, protectedPage.statusCode(), protectedPage.body());
    HttpResponse<String> login = browser.get(Browser.redirectTarget(protectedPage));
    assertEquals(302, login.statusCode(), login.body());
    HttpResponse<String> authorize = browser.get(Browser.redirectTarget(login));
    assertEquals(302, authorize.statusCode(), authorize.body());
    HttpResponse<String> callback = browser.get(Browser.redirectTarget(authorize));
    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals(URI.create(base + path + "/whoami"), Browser.redirectTarget(callback));

    HttpResponse<String> page = browser.get(Browser.redirectTarget(callback));

    assertEquals(200, page.statusCode(), page.body());
    assertEquals(codeCalls + 1, qf.tokenCalls("authorization_code"), "one code exchange");
    return page.body().split("\\|");
  }
}
