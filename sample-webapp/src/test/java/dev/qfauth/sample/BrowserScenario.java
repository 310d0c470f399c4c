package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
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
    clickAndAwait(By.id("sign-in"), By.id("user-name"));
    assertEquals(app.resolve("/").toString(), browser.getCurrentUrl());

    assertEquals("Alice Rahman", text("user-name"));
    assertEquals(QfTestUser.ALICE.sub(), text("user-sub"));
    assertEquals("bookmark collection goal offline_access openid streak user", text("user-scopes"));
    Cookie session = browser.manage().getCookieNamed("QF_SESSION");
    assertTrue(session.isHttpOnly(), session::toString);
    assertEquals("Lax", session.getSameSite());
    assertEquals(false, session.isSecure(), "plain http: no Secure flag");
    assertEquals("/", session.getPath());
    screenshot("signed-in");

    clickAndAwait(By.id("collections-link"), By.id("collections"));
    List<String> names =
        browser.findElements(By.cssSelector("#collections > li")).stream()
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
  void theUserBookmarksATypedAyahRemovesItAndSeesCollectionsTodaysGoalAndStreak() throws Exception {
    browser.get(app.toString());
    browser.findElement(By.id("login")).click();
    awaitSignInPage();
    clickAndAwait(By.id("user-alice"), By.id("bookmarks-link"));
    clickAndAwait(By.id("bookmarks-link"), By.id("add-bookmark"));
    assertTrue(bookmarks().contains("Ayah 18:10"), bookmarks()::toString); // seeded
    assertFalse(bookmarks().contains("Ayah 36:58"), bookmarks()::toString);

    browser.findElement(By.id("verse")).sendKeys("36:58");
    clickAndAwait(By.id("add"), By.id("bookmarks"));
    assertTrue(bookmarks().contains("Ayah 36:58"), bookmarks()::toString);
    screenshot("bookmarks");

    clickAndAwait(
        By.xpath("//li[starts-with(normalize-space(.), 'Ayah 36:58 ')]//button"),
        By.id("add-bookmark"));
    assertFalse(bookmarks().contains("Ayah 36:58"), bookmarks()::toString);
    assertTrue(bookmarks().contains("Ayah 18:10"), bookmarks()::toString);

    browser.get(app.toString());
    clickAndAwait(By.id("collections-link"), By.id("collections"));
    WebElement adhkar =
        browser.findElement(
            By.xpath(
                "//ul[@id='collections']/li[starts-with(normalize-space(.), 'Morning adhkar')]"));
    assertEquals(
        List.of("Ayah 2:255", "Ayah 112:1", "Ayah 113:1", "Ayah 114:1"),
        adhkar.findElements(By.cssSelector(".collection-bookmarks li")).stream()
            .map(WebElement::getText)
            .toList());

    browser.get(app.toString());
    clickAndAwait(By.id("today-link"), By.id("goal"));
    assertTrue(text("goal").startsWith("Read for 10 minutes today"), text("goal"));
    assertTrue(text("streak").startsWith("3 days in a row"), text("streak"));
    screenshot("today");
  }

  private List<String> bookmarks() {
    return browser.findElements(By.cssSelector("#bookmarks > li")).stream()
        .map(li -> li.getText().replace("Remove", "").strip())
        .toList();
  }

  @Test
  void twoTabsSignInInParallelAndEachLandsWhereItStarted() {
    String first = browser.getWindowHandle();
    browser.get(app.resolve("/me").toString());
    awaitSignInPage();
    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(app.resolve("/collections").toString());
    awaitSignInPage();

    clickAndAwait(By.id("user-bilal"), By.id("collections"));
    assertEquals(app.resolve("/collections").toString(), browser.getCurrentUrl());
    assertTrue(
        browser.findElement(By.id("collections")).getText().contains("Stories of the Prophets"));

    browser.switchTo().window(first);
    clickAndAwaitText(By.id("user-alice"), QfTestUser.ALICE.sub());
    assertEquals(app.resolve("/me").toString(), browser.getCurrentUrl());
  }

  @Test
  void signOutSendsTheProtectedPageBackToLoginAndQfAsksForTheCredentialsAgain() {
    browser.get(app.resolve("/me").toString());
    awaitSignInPage();
    clickAndAwaitText(By.id("user-bilal"), QfTestUser.BILAL.sub());

    // Losing the app's session alone: QF still knows the browser and signs bilal straight back in.
    browser.manage().deleteCookieNamed("QF_SESSION");
    browser.get(app.resolve("/me").toString());
    awaitText(QfTestUser.BILAL.sub());
    assertEquals(app.resolve("/me").toString(), browser.getCurrentUrl());

    // An explicit sign-out: the next sign-in must show QF's form (prompt=login), not sign bilal in.
    browser.get(app.toString());
    clickAndAwait(By.id("logout"), By.id("login"));
    assertNull(browser.manage().getCookieNamed("QF_SESSION"));
    browser.get(app.resolve("/me").toString());
    awaitSignInPage();
    assertTrue(browser.getCurrentUrl().contains("/oauth2/auth?"), browser.getCurrentUrl());
    assertTrue(browser.getCurrentUrl().contains("prompt=login"), browser.getCurrentUrl());

    clickAndAwaitText(By.id("user-alice"), QfTestUser.ALICE.sub());
    assertNull(browser.manage().getCookieNamed("QF_SIGNED_OUT"), "used up by that sign-in");
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

  /**
   * Clicks what navigates away and waits for the next page: first for the clicked element to leave
   * the document (the old page is gone), then for an element only the next page has. Waiting for a
   * URL instead passes at once when the browser is still on that URL (issue 9, item 14).
   */
  private void clickAndAwait(By clicked, By onNextPage) {
    WebElement element = browser.findElement(clicked);
    element.click();
    new WebDriverWait(browser, WAIT).until(gone(element));
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(onNextPage));
  }

  /** As {@link #clickAndAwait}, for a next page known by its text (the JSON of {@code /me}). */
  private void clickAndAwaitText(By clicked, String textOfNextPage) {
    WebElement element = browser.findElement(clicked);
    element.click();
    new WebDriverWait(browser, WAIT).until(gone(element));
    awaitText(textOfNextPage);
  }

  /**
   * True once {@code element}'s page has been replaced. Mid-navigation chromedriver may report the
   * old page's node as "does not belong to the document" rather than as stale (seen under load);
   * both mean the same here. Selenium's {@code stalenessOf} lets the first escape.
   */
  private static ExpectedCondition<Boolean> gone(WebElement element) {
    return driver -> {
      try {
        element.isEnabled();
        return false;
      } catch (StaleElementReferenceException e) {
        return true;
      } catch (WebDriverException e) {
        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
          return true;
        }
        throw e;
      }
    };
  }

  private void awaitText(String text) {
    new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
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
