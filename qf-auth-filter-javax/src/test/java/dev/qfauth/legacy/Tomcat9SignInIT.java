package dev.qfauth.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

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
    List<Path> jars = new ArrayList<>(LegacyApp.jarsIn(Path.of(BUILD, "webapp-libs/declared")));
    jars.add(Path.of(BUILD, "qf-auth-filter-javax-" + VERSION + ".jar"));
    deploy("/declared", jars);

    String[] page = signInAndOpenWhoAmI("/declared");

    assertEquals(QfTestUser.ALICE.sub(), page[0]);
    assertEquals("Alice Rahman", page[1]);
    assertEquals("Du'as from the Quran,Morning adhkar", page[2]);
    assertEquals("qf-auth-filter-javax-" + VERSION + ".jar", page[3]);
  }

  @Test
  void allJarBesideTheAppsOwnJackson212AndNimbus9SignsAUserInOnTomcat9() throws Exception {
    List<Path> jars = new ArrayList<>(LegacyApp.jarsIn(Path.of(BUILD, "webapp-libs/legacy")));
    jars.add(Path.of(BUILD, "qf-auth-filter-javax-" + VERSION + "-all.jar"));
    deploy("/all-legacy", jars);

    String[] page = signInAndOpenWhoAmI("/all-legacy");

    assertEquals(QfTestUser.ALICE.sub(), page[0]);
    assertEquals("Du'as from the Quran,Morning adhkar", page[2]);
    // The filter's classes from the all jar; the app's own Jackson and Nimbus are the old ones.
    assertEquals("qf-auth-filter-javax-" + VERSION + "-all.jar", page[3]);
    assertEquals("jackson-databind-" + System.getProperty("legacy.jackson") + ".jar", page[4]);
    assertEquals("nimbus-jose-jwt-" + System.getProperty("legacy.nimbus") + ".jar", page[5]);
  }

  @Test
  void javaxJarBesideNimbus9AndCaffeine2SignsAUserInOnTomcat9() throws Exception {
    // An app that pins old Nimbus and Caffeine but has Jackson 2.15+: the plain jar is enough.
    List<Path> jars = new ArrayList<>();
    for (Path jar : LegacyApp.jarsIn(Path.of(BUILD, "webapp-libs/declared"))) {
      if (jar.getFileName().toString().startsWith("jackson-")) {
        jars.add(jar);
      }
    }
    for (Path jar : LegacyApp.jarsIn(Path.of(BUILD, "webapp-libs/legacy"))) {
      if (!jar.getFileName().toString().startsWith("jackson-")) {
        jars.add(jar);
      }
    }
    jars.add(Path.of(BUILD, "qf-auth-filter-javax-" + VERSION + ".jar"));
    deploy("/old-nimbus", jars);

    String[] page = signInAndOpenWhoAmI("/old-nimbus");

    assertEquals(QfTestUser.ALICE.sub(), page[0]);
    assertEquals("Du'as from the Quran,Morning adhkar", page[2]);
    assertEquals("qf-auth-filter-javax-" + VERSION + ".jar", page[3]);
    assertEquals("nimbus-jose-jwt-" + System.getProperty("legacy.nimbus") + ".jar", page[5]);
  }

  @Test
  void javaxJarBesideJackson212DoesNotStart() throws Exception {
    // Why the all jar exists: the plain jar needs Jackson 2.15+ (StreamReadConstraints).
    List<Path> jars = new ArrayList<>(LegacyApp.jarsIn(Path.of(BUILD, "webapp-libs/legacy")));
    jars.add(Path.of(BUILD, "qf-auth-filter-javax-" + VERSION + ".jar"));

    Context context = context("/plain-legacy", jars);
    tomcat.getHost().addChild(context);

    // Tomcat logs the filter's NoSuchMethodError (JsonFactory.setStreamReadConstraints) and
    // stops the app.
    assertFalse(context.getState().isAvailable(), context.getState().toString());
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
   * A browser's sign-in, one hop at a time: the protected page sends it to /login, /login to the
   * stand-in (which signs ALICE in at once), the stand-in back to /callback with the login cookie,
   * /callback to the page with the session cookie. Returns the page's fields.
   */
  private static String[] signInAndOpenWhoAmI(String path) throws Exception {
    int codeCalls = qf.tokenCalls("authorization_code");
    qf.autoLogin(QfTestUser.ALICE); // for the next authorization request only
    HttpResponse<String> protectedPage = get(URI.create(base + path + "/whoami"), "");
    assertEquals(302, protectedPage.statusCode(), protectedPage.body());
    HttpResponse<String> login = get(next(protectedPage), "");
    assertEquals(302, login.statusCode(), login.body());
    HttpResponse<String> authorize = get(next(login), "");
    assertEquals(302, authorize.statusCode(), authorize.body());
    HttpResponse<String> callback = get(next(authorize), cookies(login));
    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals(URI.create(base + path + "/whoami"), next(callback));

    HttpResponse<String> page = get(next(callback), cookies(callback));

    assertEquals(200, page.statusCode(), page.body());
    assertEquals(codeCalls + 1, qf.tokenCalls("authorization_code"), "one code exchange");
    return page.body().split("\\|");
  }

  private static HttpResponse<String> get(URI uri, String cookies) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "text/html").timeout(Duration.ofSeconds(20));
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI next(HttpResponse<String> redirect) {
    return redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow());
  }

  /** The Cookie header a browser would send back for the cookies {@code response} set. */
  private static String cookies(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .map(c -> c.substring(0, c.indexOf(';')))
        .collect(Collectors.joining("; "));
  }
}
