package dev.qfauth.sample.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;
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
 * target/sample-webapp-javax.war as built, deployed to Tomcat 9 (Servlet 4.0, embedded) and signed
 * in through the sample's own /me; and nothing jakarta left in it, nested jars included.
 */
final class JavaxWarOnTomcat9IT {
  private static final Path WAR = Path.of(System.getProperty("sample.war"));
  private static final Pattern JAKARTA = Pattern.compile("jakarta[./][a-z]");
  private static final String[] SETTINGS = {
    "QF_CLIENT_ID", "QF_CLIENT_SECRET", "QF_AUTH_BASE_URL", "QF_API_BASE_URL", "QF_REDIRECT_URI"
  };

  @TempDir static Path work;
  private static QfStandIn qf;
  private static Tomcat tomcat;
  private static URI base;
  private static Properties saved;

  @BeforeAll
  static void deploy() throws Exception {
    qf = QfStandIn.start().seedDemoData();
    tomcat = new Tomcat();
    tomcat.setBaseDir(work.toString());
    Files.createDirectories(work.resolve("webapps")); // the host's appBase, where the WAR unpacks
    tomcat.setPort(0);
    tomcat.getConnector();
    tomcat.getHost();
    tomcat.start();
    base = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort());
    qf.confidentialClient("sample", "sample-secret", base + "/sample/callback");

    // The sample reads its settings from the environment or system properties (web.xml keeps
    // only the protected paths); this JVM runs nothing else that reads them.
    saved = (Properties) System.getProperties().clone();
    System.setProperty("QF_CLIENT_ID", "sample");
    System.setProperty("QF_CLIENT_SECRET", "sample-secret");
    System.setProperty("QF_AUTH_BASE_URL", qf.authBaseUrl().toString());
    System.setProperty("QF_API_BASE_URL", qf.apiBaseUrl().toString());
    System.setProperty("QF_REDIRECT_URI", base + "/sample/callback");

    StandardContext context = new StandardContext();
    context.setName("/sample");
    context.setPath("/sample");
    context.setDocBase(WAR.toString());
    context.addLifecycleListener(new ContextConfig());
    context.setParentClassLoader(JavaxWarOnTomcat9IT.class.getClassLoader());
    // Only the WAR's own jars, as in a Tomcat distribution; not this test's class path.
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    context.setJarScanner(scanner);
    // What a Tomcat distribution's conf/web.xml gives every app (without a servlet for a path,
    // Tomcat answers 404 before any filter runs).
    Tomcat.addServlet(context, "default", DefaultServlet.class.getName());
    context.addServletMappingDecoded("/", "default", false);
    tomcat.getHost().addChild(context);
    assertEquals(LifecycleState.STARTED, context.getState());
  }

  @AfterAll
  static void stop() throws Exception {
    if (saved != null) {
      for (String name : SETTINGS) {
        if (saved.getProperty(name) == null) {
          System.clearProperty(name);
        }
      }
    }
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    if (qf != null) {
      qf.close();
    }
  }

  @Test
  void aUserSignsInAndSeesTheirAccountOnTomcat9() throws Exception {
    qf.autoLogin(QfTestUser.ALICE);
    Browser browser = new Browser(base, "Accept", "text/html");
    HttpResponse<String> me = browser.get("/sample/me");
    assertEquals(302, me.statusCode(), me.body());
    HttpResponse<String> login = browser.get(Browser.redirectTarget(me));
    assertEquals(302, login.statusCode(), login.body());
    HttpResponse<String> authorize = browser.get(Browser.redirectTarget(login));
    assertEquals(302, authorize.statusCode(), authorize.body());
    HttpResponse<String> callback = browser.get(Browser.redirectTarget(authorize));
    assertEquals(302, callback.statusCode(), callback.body());
    assertEquals(URI.create(base + "/sample/me"), Browser.redirectTarget(callback));

    HttpResponse<String> page = browser.get(Browser.redirectTarget(callback));

    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("\"sub\" : \"" + QfTestUser.ALICE.sub() + "\""), page.body());
    assertEquals(1, qf.tokenCalls("authorization_code"));
  }

  @Test
  void theWarAndTheJarsInsideNameNoJakartaPackage() throws IOException {
    List<String> hits = new ArrayList<>();
    try (JarFile war = new JarFile(WAR.toFile())) {
      for (JarEntry entry : java.util.Collections.list(war.entries())) {
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/maven/")) {
          continue; // this module's POM, not something that runs
        }
        try (InputStream in = war.getInputStream(entry)) {
          if (entry.getName().endsWith(".jar")) {
            scanJar(entry.getName(), new JarInputStream(in), hits);
          } else if (matches(in.readAllBytes())) {
            hits.add(entry.getName());
          }
        }
      }
    }
    assertEquals(List.of(), hits);
  }

  private static void scanJar(String name, JarInputStream jar, List<String> hits)
      throws IOException {
    for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
      if (!e.getName().startsWith("META-INF/maven/") && matches(jar.readAllBytes())) {
        hits.add(name + "!/" + e.getName());
      }
    }
  }

  private static boolean matches(byte[] bytes) {
    return JAKARTA.matcher(new String(bytes, StandardCharsets.ISO_8859_1)).find();
  }
}
