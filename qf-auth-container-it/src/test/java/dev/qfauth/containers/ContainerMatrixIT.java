package dev.qfauth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample WAR on the official Tomcat and Jetty distributions, each started by its own launcher
 * in a child process with the settings in its environment, signed in through a {@link QfStandIn} in
 * this JVM. Each row: PKCE sign-in to the page asked for, getRemoteUser() and getUserPrincipal()
 * are the sub, the User API, a refresh after the access token expired, logout, and a tampered state
 * on the error page. Some rows prove more (see {@link Row}).
 */
@Execution(ExecutionMode.CONCURRENT)
final class ContainerMatrixIT {
  private static final String CLIENT_ID = "matrix-app";
  private static final String CLIENT_SECRET = "matrix+secret";
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROWS = System.getProperty("it.rows", "");

  /** What the test's browser sends on every request: it asks for pages. */
  private static final String[] PAGES = {"Accept", "text/html"};

  /** The same behind the TLS-terminating proxy in front of the app, with what the proxy adds. */
  private static final String[] PROXIED_PAGES = {
    "Accept",
    "text/html",
    "X-Forwarded-Proto",
    "https",
    "X-Forwarded-Host",
    Deployment.PUBLIC_HOST,
    "X-Forwarded-For",
    "203.0.113.7"
  };

  static Stream<Row> rows() {
    String jakarta = "sample-webapp.war";
    String javax = "sample-webapp-javax.war";
    return Stream.of(
            Row.tomcat("tomcat-9.0", "it.tomcat9", javax)
                .withExamples()
                .withRedeploys()
                .withOldLibraries(),
            Row.tomcat("tomcat-10.0", "it.tomcat10", jakarta),
            Row.tomcat("tomcat-10.1", "it.tomcat101", jakarta).withExamples().withFragment(),
            Row.tomcat("tomcat-11.0", "it.tomcat11", jakarta).withRedeploys().behindProxy(),
            Row.jetty("jetty-12.1-ee8", "ee8", javax),
            Row.jetty("jetty-12.1-ee9", "ee9", jakarta),
            Row.jetty("jetty-12.1-ee10", "ee10", jakarta).withFragment().behindProxy())
        // -Dit.rows=tomcat-11.0,jetty-12.1-ee9 runs only those rows (while working on one).
        .filter(row -> ROWS.isBlank() || List.of(ROWS.split(",")).contains(row.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void signsInCallsTheApiRefreshesAndSignsOut(Row row) throws Exception {
    Path work = Path.of(System.getProperty("it.work")).resolve(row.name());
    deleteTree(work);
    try (QfStandIn qf = QfStandIn.builder().host("127.0.0.1").start()) {
      Deployment.Addresses at = Deployment.addresses(row);
      qf.seedDemoData()
          .confidentialClient(
              CLIENT_ID,
              CLIENT_SECRET,
              at.redirectUri().toString(),
              at.examplesRedirectUri().toString(),
              at.redirectUri(Deployment.OLD_LIBS_PLAIN).toString(),
              at.redirectUri(Deployment.OLD_LIBS_ALL).toString());
      Map<String, String> settings =
          Map.of(
              "QF_AUTH_BASE_URL",
              qf.authBaseUrl().toString(),
              "QF_API_BASE_URL",
              qf.apiBaseUrl().toString(),
              "QF_CLIENT_ID",
              CLIENT_ID,
              "QF_CLIENT_SECRET",
              CLIENT_SECRET,
              "QF_REDIRECT_URI",
              at.redirectUri().toString(),
              "QF_ENV",
              "prelive",
              // Only read on the web-fragment rows: the sample's web.xml sets it otherwise.
              "QF_PROTECTED_PATHS",
              "/me,/collections");
      ContainerProcess container = Deployment.start(row, work, at, settings);
      try {
        URI app = at.local().resolve(Deployment.CONTEXT + "/");
        container.awaitReady(app, status -> status == 200, START_LIMIT);
        Browser browser = new Browser(row.proxy() ? PROXIED_PAGES : PAGES);
        scenario(row, qf, at, browser);
        if (row.examples()) {
          examplesApp(at);
        }
        if (row.oldLibraries()) {
          oldLibraries(work, at, container);
        }
        if (row.redeploy()) {
          Redeploys.fiveTimes(row, work, at, container);
        }
      } catch (Throwable failure) {
        failure.addSuppressed(
            new AssertionError(
                row.name() + " container log (" + container.logFile() + "):\n" + container.log()));
        throw failure;
      } finally {
        container.close();
      }
    }
  }

  private static void scenario(Row row, QfStandIn qf, Deployment.Addresses at, Browser browser)
      throws IOException {
    SignIn signIn = new SignIn(browser, at);
    URI me = at.local().resolve(Deployment.CONTEXT + "/me");
    URI collections = at.local().resolve(Deployment.CONTEXT + "/collections");

    HttpResponse<String> mePage = signIn.to(me, at.redirectUri(), "alice");
    assertEquals(200, mePage.statusCode(), mePage.body());
    JsonNode user = JSON.readTree(mePage.body());
    String sub = QfTestUser.ALICE.sub();
    assertEquals(sub, user.path("sub").asText());
    assertEquals(sub, user.path("remoteUser").asText(), "getRemoteUser()");
    assertEquals(sub, user.path("userPrincipal").asText(), "getUserPrincipal().getName()");
    assertEquals("prelive", user.path("environment").asText());
    assertEquals(row.proxy(), user.path("requestSecure").asBoolean(), "the container knows https");

    HttpResponse<String> list = browser.get(collections);
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("Morning adhkar"), list.body());

    // The stand-in expires the access token; the next API call refreshes it and goes through.
    int refreshes = qf.tokenCalls("refresh_token");
    qf.expireAccessTokens("alice");
    HttpResponse<String> afterExpiry = browser.get(collections);
    assertEquals(200, afterExpiry.statusCode(), afterExpiry.body());
    assertTrue(
        afterExpiry.body().contains("Du&#39;as from the Quran")
            || afterExpiry.body().contains("Du'as from the Quran"),
        afterExpiry.body());
    assertEquals(refreshes + 1, qf.tokenCalls("refresh_token"));

    HttpResponse<String> logout =
        browser.postForm(
            at.local().resolve(Deployment.CONTEXT + "/logout"),
            "",
            "Origin",
            at.published().toString());
    assertEquals(303, logout.statusCode(), logout.body());
    assertFalse(browser.hasCookie("QF_SESSION"));
    HttpResponse<String> afterLogout = browser.get(me);
    assertEquals(302, afterLogout.statusCode(), afterLogout.body());
    assertTrue(signIn.toLocal(Browser.redirectTarget(afterLogout)).getPath().endsWith("/login"));

    // A callback whose state matches no sign-in in progress: the error page, no session.
    HttpResponse<String> started =
        browser.get(at.local().resolve(Deployment.CONTEXT + "/login?returnTo=/me"));
    String state = Browser.query(Browser.redirectTarget(started).toString()).get("state");
    String tampered = (state.charAt(0) == 'A' ? "B" : "A") + state.substring(1);
    HttpResponse<String> refused =
        browser.get(
            at.local()
                .resolve(Deployment.CONTEXT + "/callback?code=ory_ac_forged&state=" + tampered));
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("<title>Sign-in problem"), refused.body());
    assertTrue(refused.body().contains("login_state_invalid"), refused.body());
    assertFalse(browser.hasCookie("QF_SESSION"));
  }

  /** Tomcat's examples app shows the signed-in user in its snoop page. */
  private static void examplesApp(Deployment.Addresses at) {
    Browser browser = new Browser(PAGES);
    HttpResponse<String> snoop =
        new SignIn(browser, at)
            .to(
                at.local().resolve("/examples/jsp/snp/snoop.jsp"),
                at.examplesRedirectUri(),
                "bilal");
    assertEquals(200, snoop.statusCode(), snoop.body());
    assertTrue(snoop.body().contains(QfTestUser.BILAL.sub()), snoop.body());
  }

  /**
   * An app that ships Jackson 2.12 and Nimbus 9 itself: with the plain filter jar the filter cannot
   * start (it needs Jackson 2.15+), so the app does not start; with the {@code all} jar, whose
   * libraries are relocated, the whole flow works beside the old ones.
   */
  private static void oldLibraries(Path work, Deployment.Addresses at, ContainerProcess container)
      throws IOException {
    HttpResponse<String> plain =
        new Browser(PAGES).get(at.local().resolve(Deployment.OLD_LIBS_PLAIN + "/me"));
    assertEquals(404, plain.statusCode(), "the app did not start");
    assertTrue(
        container.log().contains("Context [" + Deployment.OLD_LIBS_PLAIN + "] startup failed"));
    String why;
    try (Stream<Path> logs = Files.list(work.resolve("base/logs"))) {
      why =
          logs.filter(f -> f.getFileName().toString().startsWith("localhost."))
              .map(ContainerMatrixIT::read)
              .collect(java.util.stream.Collectors.joining());
    }
    assertTrue(
        why.contains("NoClassDefFoundError: com/fasterxml/jackson/core/StreamReadConstraints"),
        why);

    Browser browser = new Browser(PAGES);
    SignIn signIn = new SignIn(browser, at);
    HttpResponse<String> me =
        signIn.to(
            at.local().resolve(Deployment.OLD_LIBS_ALL + "/me"),
            at.redirectUri(Deployment.OLD_LIBS_ALL),
            "alice");
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(QfTestUser.ALICE.sub(), JSON.readTree(me.body()).path("remoteUser").asText());
    HttpResponse<String> list =
        browser.get(at.local().resolve(Deployment.OLD_LIBS_ALL + "/collections"));
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("Morning adhkar"), list.body());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
