package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qfauth.QfAuthConfig;
import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's pages for a signed-in user, against a {@link QfStandIn}: each test signs a fresh
 * user in through the real {@code /login}, the stand-in's authorization endpoint and {@code
 * /callback}, and the pages call the stand-in's User API through {@code QfUserContext.api()}.
 */
final class SignedInPagesTest {
  private static final String CLIENT_ID = "sample-client";
  private static String redirectUri;
  private static final HttpClient STAND_IN_BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final AtomicInteger USERS = new AtomicInteger();

  private static QfStandIn qf;
  private static SampleApp app;

  @BeforeAll
  static void start() throws Exception {
    // The redirect URI names the app's own origin: sign-out compares a POST's Origin with it.
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    redirectUri = "http://localhost:" + port + "/callback";
    qf = QfStandIn.start().confidentialClient(CLIENT_ID, "sample-secret", redirectUri);
    app =
        SampleApp.start(
            port,
            Map.of(
                QfAuthConfig.CLIENT_ID,
                CLIENT_ID,
                QfAuthConfig.CLIENT_SECRET,
                "sample-secret",
                QfAuthConfig.AUTH_BASE_URL,
                qf.authBaseUrl().toString(),
                QfAuthConfig.API_BASE_URL,
                qf.apiBaseUrl().toString(),
                QfAuthConfig.REDIRECT_URI,
                redirectUri));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.stop();
    }
    qf.close();
  }

  @Test
  void homePageShowsTheSignedInUserAndLinksToThePages() throws Exception {
    Browser browser = signedIn(user().build());

    HttpResponse<String> page = browser.get("/");
    String home = page.body();

    // A page with the user's data: never cached, no scripts, no sniffing.
    assertEquals("text/html;charset=utf-8", contentType(page));
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
    assertEquals(
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        page.headers().firstValue("Content-Security-Policy").orElse(null));
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
    assertTrue(home.contains("<strong id=\"user-name\">Ayesha &lt;Test&gt;</strong>"), home);
    assertTrue(
        home.contains(
            "<dd id=\"user-scopes\">bookmark collection goal offline_access openid streak user</dd>"),
        home);
    assertTrue(home.contains("<a id=\"bookmarks-link\" href=\"/bookmarks\">"), home);
    assertTrue(home.contains("<a id=\"today-link\" href=\"/today\">"), home);
    assertTrue(home.contains("<form method=\"post\" action=\"/logout\">"), home);
    assertFalse(home.contains("id=\"login\""), home);
  }

  @Test
  void meShowsTheUserContextWithoutTokens() throws Exception {
    QfTestUser user = user().build();
    HttpResponse<String> me = signedIn(user).get("/me");

    assertEquals(200, me.statusCode());
    assertEquals(
        "application/json", me.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
    JsonNode json = new ObjectMapper().readTree(me.body());
    assertEquals(user.sub(), json.path("sub").asText());
    assertEquals("Ayesha <Test>", json.path("claims").path("name").asText());
    assertTrue(Instant.parse(json.path("accessTokenExpiresAt").asText()).isAfter(Instant.now()));
    assertFalse(me.body().contains("eyJ"), "no JWT in " + me.body());
    String token = qf.lastApiRequest().flatMap(r -> r.header("x-auth-token")).orElse("none");
    assertFalse(me.body().contains(token), me.body());
  }

  @Test
  void collectionsPageListsTheUsersCollectionsWithTheirBookmarks() throws Exception {
    QfTestUser user = user().build();
    qf.user(user);
    String juz = qf.addCollection(user.username(), "Juz <30>", "78:1", "114:1");
    String empty = qf.addCollection(user.username(), "Favourites to be");
    Browser browser = signedIn(user);

    HttpResponse<String> page = browser.get("/collections");

    assertEquals(200, page.statusCode());
    String body = page.body();
    assertTrue(body.contains("<li data-id=\"" + juz + "\">Juz &lt;30&gt;"), body);
    assertTrue(
        body.contains(
            "<ul class=\"collection-bookmarks\"><li>Ayah 78:1</li><li>Ayah 114:1</li></ul>"),
        body);
    assertTrue(body.contains("<li data-id=\"" + empty + "\">Favourites to be"), body);
  }

  @Test
  void collectionsPageExplainsAnApiRefusal() throws Exception {
    Browser browser = signedIn(user().build());
    try (QfHostileProvider hostile = QfHostileProvider.on(qf)) {
      hostile.inject(QfDefect.API_FORBIDDEN_INSUFFICIENT_SCOPE);

      HttpResponse<String> page = browser.get("/collections");

      assertEquals(403, page.statusCode());
      assertTrue(
          page.body()
              .contains(
                  "<p id=\"api-error\">Quran.Foundation refused to list your collections (HTTP 403).</p>"),
          page.body());
      assertTrue(page.body().contains("id=\"api-hint\""), page.body());
    }
  }

  @Test
  void bookmarksPageAddsTheTypedAyahListsEveryTypeAndRemoves() throws Exception {
    QfTestUser user = user().build();
    qf.user(user);
    qf.addCollection(user.username(), "Kahf", "18:10");
    Browser browser = signedIn(user);

    HttpResponse<String> added =
        browser.postForm("/bookmarks", "verse=2%3A255", "Origin", browser.origin());

    assertEquals(303, added.statusCode(), added.body());
    assertEquals("/bookmarks", added.headers().firstValue("Location").orElseThrow());
    String page = browser.get("/bookmarks").body();
    assertTrue(page.contains("<form id=\"add-bookmark\""), page);
    assertTrue(page.contains(">Ayah 2:255 <form"), page);
    assertTrue(page.contains(">Ayah 18:10 <form"), page);
    String id = page.replaceAll("(?s).*<li data-id=\"([^\"]+)\">Ayah 2:255 .*", "$1");

    HttpResponse<String> removed =
        browser.postForm("/bookmarks", "remove=" + id, "Origin", browser.origin());

    assertEquals(303, removed.statusCode(), removed.body());
    String after = browser.get("/bookmarks").body();
    assertFalse(after.contains("Ayah 2:255"), after);
    assertTrue(after.contains("Ayah 18:10"), after);
  }

  @Test
  void bookmarksPageRefusesAMalformedAyahAndChangesNothing() throws Exception {
    Browser browser = signedIn(user().build());
    int before = qf.apiCalls();

    HttpResponse<String> page =
        browser.postForm("/bookmarks", "verse=2%3A%3Cb%3E", "Origin", browser.origin());

    assertEquals(400, page.statusCode());
    assertTrue(
        page.body()
            .contains(
                "<p id=\"bookmark-error\">&#39;2:&lt;b&gt;&#39; is not an ayah: type"
                    + " chapter:verse, such as 2:255.</p>"),
        page.body());
    assertFalse(page.body().contains("<b>"), page.body());
    assertTrue(page.body().contains("id=\"no-bookmarks\""), page.body());
    assertEquals(4, qf.apiCalls() - before, "one listing per bookmark type, no save");
    assertEquals("GET", qf.lastApiRequest().orElseThrow().method());
  }

  @Test
  void bookmarksFormFromAnotherSiteIsRefusedAndChangesNothing() throws Exception {
    Browser browser = signedIn(user().build());
    int before = qf.apiCalls();

    HttpResponse<String> forged =
        browser.postForm("/bookmarks", "verse=2%3A255", "Origin", "https://attacker.example");
    HttpResponse<String> bare = browser.postForm("/bookmarks", "verse=2%3A255");

    assertEquals(403, forged.statusCode());
    assertEquals(403, bare.statusCode());
    assertTrue(forged.body().contains("id=\"bookmark-error\""), forged.body());
    assertEquals(0, qf.apiCalls() - before);
  }

  @Test
  void todayPageShowsTheGoalAndTheStreak() throws Exception {
    QfTestUser user = user().build();
    Browser browser = signedIn(user);
    assertTrue(
        browser
            .get("/today")
            .body()
            .contains("<p id=\"goal\">You have no daily reading goal yet."));

    // The demo seeds: a 10-minute daily goal and Quran reading on each of the last three days.
    qf.seedDemoData();
    Browser alice = signedIn(QfTestUser.ALICE);
    String today = alice.get("/today").body();

    assertTrue(today.contains("<p id=\"goal\">Read for 10 minutes today: 5 minutes so far"), today);
    assertTrue(today.contains("<p id=\"streak\">3 days in a row"), today);
  }

  @Test
  void userWhoWithheldTheGoalScopeSeesTheGoalHiddenWithANote() throws Exception {
    Browser browser = signedIn(user().withholdScopes("goal").build());
    int before = qf.apiCalls();

    HttpResponse<String> today = browser.get("/today");

    assertEquals(200, today.statusCode());
    assertTrue(today.body().contains("<p id=\"goal-withheld\""), today.body());
    assertFalse(today.body().contains("id=\"goal\""), today.body());
    assertTrue(today.body().contains("<p id=\"streak\">0 days in a row"), today.body());
    assertEquals(1, qf.apiCalls() - before, "the streak only; no goal call");
    String home = browser.get("/").body();
    assertTrue(
        home.contains(
            "<dd id=\"user-scopes\">bookmark collection offline_access openid streak user</dd>"),
        home);
  }

  @Test
  void signOutEndsTheSession() throws Exception {
    Browser browser = signedIn(user().build());

    HttpResponse<String> logout = browser.postForm("/logout", "", "Origin", browser.origin());

    assertEquals(303, logout.statusCode());
    assertEquals("/", logout.headers().firstValue("Location").orElseThrow());
    assertTrue(browser.get("/").body().contains("id=\"login\""));
    assertEquals(302, browser.get("/me").statusCode());
  }

  private static String contentType(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .replace(" ", "")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static QfTestUser.Builder user() {
    return QfTestUser.builder("ayesha-" + USERS.incrementAndGet()).name("Ayesha <Test>");
  }

  /** A browser that signed {@code user} in through /login, the stand-in and /callback. */
  private static Browser signedIn(QfTestUser user) throws Exception {
    qf.autoLogin(user);
    Browser browser = new Browser(app.url(), "Accept", "text/html");
    HttpResponse<String> login = browser.get("/login?returnTo=/");
    assertEquals(302, login.statusCode());
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    HttpResponse<Void> approved =
        STAND_IN_BROWSER.send(
            HttpRequest.newBuilder(authorize).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
    URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
    assertEquals(redirectUri, callback.resolve(callback.getPath()).toString());

    HttpResponse<String> back = browser.get("/callback?" + callback.getRawQuery());

    assertEquals(302, back.statusCode(), back.body());
    assertEquals("/", back.headers().firstValue("Location").orElseThrow());
    assertTrue(browser.hasCookie("QF_SESSION"));
    return browser;
  }
}
