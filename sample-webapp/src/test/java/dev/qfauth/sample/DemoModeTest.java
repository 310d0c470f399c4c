package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qfauth.QfAuthConfig;
import dev.qfauth.testkit.QfTestUser;
import dev.qfauth.testsupport.Browser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code QF_DEMO}: the switch, its refusal next to a real client id, and a whole demo sign-in. */
final class DemoModeTest {
  private static final Pattern CHALLENGE =
      Pattern.compile("name=\"login_challenge\" value=\"([^\"]+)\"");

  @BeforeAll
  static void noSwitchesInThisJvm() {
    // The switch and the client id are also read from system properties.
    assumeTrue(System.getProperty(DemoMode.SWITCH) == null);
    assumeTrue(System.getProperty(QfAuthConfig.CLIENT_ID) == null);
  }

  @Test
  void requested_unset_false() {
    assertFalse(DemoMode.requested(Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", " "})
  void requested_falseOrBlank_false(String value) {
    assertFalse(DemoMode.requested(Map.of(DemoMode.SWITCH, value)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", " true "})
  void requested_true_true(String value) {
    assertTrue(DemoMode.requested(Map.of(DemoMode.SWITCH, value)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "on"})
  void requested_otherValue_rejectedNamingTheSwitch(String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoMode.requested(Map.of(DemoMode.SWITCH, value)));

    assertEquals("QF_DEMO must be true or false, got: " + value, e.getMessage());
  }

  @Test
  void requested_trueWithAClientId_refusedNamingBoth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DemoMode.requested(
                    Map.of(DemoMode.SWITCH, "true", QfAuthConfig.CLIENT_ID, "real-client")));

    assertTrue(
        e.getMessage().startsWith("QF_DEMO=true and QF_CLIENT_ID are both set."), e.getMessage());
    assertTrue(e.getMessage().contains("unset QF_DEMO to use Quran.Foundation"), e.getMessage());
  }

  @Test
  void requested_falseWithAClientId_notDemo() {
    assertFalse(
        DemoMode.requested(Map.of(DemoMode.SWITCH, "false", QfAuthConfig.CLIENT_ID, "real")));
  }

  @Test
  void demoModeSignsInAgainstTheInProcessStandInAndStopsWithTheApp() throws Exception {
    SampleApp app = SampleApp.startDemo(0);
    URI standIn = app.demoStandInUrl();
    try {
      Browser browser = new Browser(app.url(), "Accept", "text/html");
      assertTrue(browser.get("/").body().contains("id=\"demo-notice\""));

      HttpResponse<String> me = browser.get("/me");
      assertEquals("/login?returnTo=%2Fme", me.headers().firstValue("Location").orElseThrow());
      HttpResponse<String> login = browser.get("/login?returnTo=/me");
      URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
      assertEquals(standIn.resolve("/oauth2/auth"), authorize.resolve("/oauth2/auth"));
      URI callback = signInAtTheStandIn(authorize, "alice");
      assertEquals("/callback", callback.getPath());
      assertEquals(app.url().getPort(), callback.getPort());
      HttpResponse<String> back = browser.get(callback.toString());
      assertEquals("/me", back.headers().firstValue("Location").orElseThrow(), back.body());

      JsonNode json = new ObjectMapper().readTree(browser.get("/me").body());
      assertEquals(QfTestUser.ALICE.sub(), json.path("sub").asText());
      assertEquals("Alice Rahman", json.path("claims").path("name").asText());
      String collections = browser.get("/collections").body();
      assertTrue(collections.contains("Morning adhkar"), collections);
      assertEquals(303, browser.postForm("/logout", "", "Origin", browser.origin()).statusCode());
      assertEquals(302, browser.get("/me").statusCode());
    } finally {
      app.stop();
    }
    assertThrows(
        ConnectException.class, () -> new Socket(standIn.getHost(), standIn.getPort()).close());
  }

  @Test
  void demoBannerSaysWhereToSignInAndAsWhomButNotTheSecret() {
    URI appUrl = URI.create("http://localhost:18080/");
    DemoMode demo = DemoMode.start(appUrl.getPort());
    try {
      String banner = demo.banner(appUrl);

      assertTrue(banner.startsWith("DEMO MODE (QF_DEMO=true)"), banner);
      assertTrue(banner.contains("stand-in at " + demo.standInUrl()), banner);
      assertTrue(banner.contains("Open http://localhost:18080/ and click"), banner);
      assertTrue(banner.contains("alice or bilal"), banner);
      assertFalse(banner.contains(demo.settings().get(QfAuthConfig.CLIENT_SECRET)), banner);
      assertEquals(
          "http://localhost:18080/callback", demo.settings().get(QfAuthConfig.REDIRECT_URI));
    } finally {
      demo.close();
    }
  }

  /** The stand-in's sign-in page, answered as a person would: continue as {@code user}. */
  private static URI signInAtTheStandIn(URI authorize, String user)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String page =
        http.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher challenge = CHALLENGE.matcher(page);
    assertTrue(challenge.find(), page);
    HttpResponse<String> approved =
        http.send(
            HttpRequest.newBuilder(authorize.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "login_challenge="
                            + URLEncoder.encode(challenge.group(1), StandardCharsets.UTF_8)
                            + "&user="
                            + user))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, approved.statusCode(), approved.body());
    return URI.create(approved.headers().firstValue("Location").orElseThrow());
  }
}
