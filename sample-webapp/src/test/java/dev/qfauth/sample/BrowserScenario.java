package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qfauth.testkit.QfTestUser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample in a real browser (headless Chromium), signing in at a QF stand-in's page: what a
 * person does, on whichever deployment a subclass starts. One browser per class; each test starts
 * with no cookies and one tab.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserScenario {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

  private ChromeDriver browser;
  private URI app;

  /** Starts the app under test (with a stand-in holding the demo users) and returns its URL. */
  abstract URI startApp(Path work) throws Exception;

  abstract void stopApp() throws Exception;

  /** A short name for artifacts, e.g. {@code standalone-jar}. */
  abstract String name();

  @BeforeAll
  final void start(@TempDir Path work) throws Exception {
    browser = Chromium.start(work);
    app = startApp(work);
  }

  @AfterAll
  final void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      stopApp();
    }
  }

  @BeforeEach
  final void freshBrowserState() {
    List<String> tabs = List.copyOf(browser.getWindowHandles());
    for (String tab : tabs.subList(1, tabs.size())) {
      browser.switchTo().window(tab).close();
    }
    browser.switchTo().window(tabs.get(0));
    // The app and the stand-in share the host "localhost", so this clears both.
    browser.get(app.toString());
    browser.manage().deleteAllCookies();
  }

  @Test
  void signInFromTheHomePageShowsTheUserTheirCollectionsAndSafeCookies() throws Exception {
    browser.get(app.toString());
    assertTrue(browser.findElement(By.id("login")).isDisplayed());

    browser.findElement(By.id("login")).click();
    awaitSignInPage();
    Cookie binding = browser.manage().getCookieNamed("QF_LOGIN");
    assertTrue(binding.isHttpOnly(), binding::toString);
    assertEquals("Lax", binding.getSameSite());
    browser.findElement(By.id("username")).sendKeys("alice");
    browser.findElement(By.id("sign-in")).click();
    awaitUrl(app.resolve("/"));

    assertEquals("Alice Rahman", text("user-name"));
    assertEquals(QfTestUser.ALICE.sub(), text("user-sub"));
    assertEquals("collection offline_access openid user", text("user-scopes"));
    Cookie session = browser.manage().getCookieNamed("QF_SESSION");
    assertTrue(session.isHttpOnly(), session::toString);
    assertEquals("Lax", session.getSameSite());
    assertEquals(false, session.isSecure(), "plain http: no Secure flag");
    assertEquals("/", session.getPath());
    screenshot("signed-in");

    browser.findElement(By.id("collections-link")).click();
    awaitUrl(app.resolve("/collections"));
    List<String> names =
        browser.findElements(By.cssSelector("#collections li")).stream()
            .map(li -> li.getText().split(" id ")[0])
            .toList();
    assertEquals(
        List.of("Du'as from the Quran", "Morning adhkar"), names.stream().sorted().toList());
    screenshot("collections");

    browser.get(app.resolve("/me").toString());
    JsonNode me = new ObjectMapper().readTree(browser.findElement(By.tagName("body")).getText());
    assertEquals(QfTestUser.ALICE.sub(), me.path("sub").asText());
    assertEquals("alice@example.com", me.path("claims").path("email").asText());
  }

  @Test
  void twoTabsSignInInParallelAndEachLandsWhereItStarted() {
    String first = browser.getWindowHandle();
    browser.get(app.resolve("/me").toString());
    awaitSignInPage();
    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(app.resolve("/collections").toString());
    awaitSignInPage();

    browser.findElement(By.id("user-bilal")).click();
    awaitUrl(app.resolve("/collections"));
    assertTrue(
        browser.findElement(By.id("collections")).getText().contains("Stories of the Prophets"));

    browser.switchTo().window(first);
    browser.findElement(By.id("user-alice")).click();
    awaitUrl(app.resolve("/me"));
    assertTrue(bodyText().contains(QfTestUser.ALICE.sub()), bodyText());
  }

  @Test
  void signOutSendsTheProtectedPageBackToLogin() {
    browser.get(app.resolve("/me").toString());
    awaitSignInPage();
    browser.findElement(By.id("user-bilal")).click();
    awaitUrl(app.resolve("/me"));
    assertTrue(bodyText().contains(QfTestUser.BILAL.sub()), bodyText());

    browser.get(app.toString());
    browser.findElement(By.id("logout")).click();
    awaitUrl(app.resolve("/"));
    assertTrue(browser.findElement(By.id("login")).isDisplayed());
    assertNull(browser.manage().getCookieNamed("QF_SESSION"));

    browser.get(app.resolve("/me").toString());
    awaitSignInPage();
    assertTrue(browser.getCurrentUrl().contains("/oauth2/auth?"), browser.getCurrentUrl());
  }

  @Test
  void callbackWithATamperedStateShowsTheErrorPageAndMakesNoSession() {
    browser.get(app.resolve("/login?returnTo=/me").toString());
    awaitSignInPage();
    Matcher state = STATE.matcher(browser.getCurrentUrl());
    assertTrue(state.find(), browser.getCurrentUrl());
    String real = state.group(1);
    String tampered = real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A");

    browser.get(app.resolve("/callback?code=ory_ac_forged&state=" + tampered).toString());

    assertEquals("Sign-in problem", browser.getTitle());
    assertTrue(
        text("error-message").contains("matches no sign-in in progress"), text("error-message"));
    assertTrue(bodyText().contains("login_state_invalid"), bodyText());
    assertNull(browser.manage().getCookieNamed("QF_SESSION"));
    browser.get(app.resolve("/me").toString());
    awaitSignInPage();
  }

  private void awaitSignInPage() {
    new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
  }

  private void awaitUrl(URI url) {
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(url.toString()));
  }

  private String text(String id) {
    WebElement element = browser.findElement(By.id(id));
    return element.getText();
  }

  private String bodyText() {
    return browser.findElement(By.tagName("body")).getText();
  }

  private void screenshot(String what) throws Exception {
    Path dir = Files.createDirectories(Path.of(System.getProperty("sample.screenshots")));
    Files.write(
        dir.resolve(name() + "-" + what + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
