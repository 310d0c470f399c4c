package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/** The sign-in page through Selenium's WebDriver API (HtmlUnit, so no browser is needed). */
final class LoginPageBrowserTest {
  @RegisterExtension
  static final QfStandInExtension QF = new QfStandInExtension(QfStandIn::seedDemoData);

  private final WebDriver browser = new HtmlUnitDriver(false);

  @AfterEach
  void quit() {
    browser.quit();
  }

  /** The stand-in's own index page is the "application", so the browser lands somewhere real. */
  private FlowDriver app() {
    String callback = QF.standIn().authBaseUrl() + "/";
    QF.standIn().confidentialClient("browser-app", "s3cret", callback);
    return new FlowDriver(QF.standIn(), "browser-app", callback);
  }

  @Test
  void loginPage_typedUserAndSignInButton_landsOnCallbackWithCode() throws Exception {
    FlowDriver app = app();
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    browser.get(app.authorizeUrl(attempt, "openid offline_access").toString());

    browser.findElement(By.id("username")).sendKeys("noor");
    browser.findElement(By.id("sign-in")).click();

    Map<String, String> callback = FlowDriver.query(URI.create(browser.getCurrentUrl()));
    assertEquals(attempt.state(), callback.get("state"));
    JsonNode tokens = FlowDriver.json(app.exchange(callback.get("code"), attempt, "s3cret"));
    assertEquals(
        QfTestUser.of("noor").sub(),
        app.verifyIdToken(tokens.get("id_token").asText(), attempt.nonce()).getSubject());
  }

  @Test
  void loginPage_predefinedUserButton_signsInThatUser() throws Exception {
    FlowDriver app = app();
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    browser.get(app.authorizeUrl(attempt, "openid").toString());

    browser.findElement(By.id("user-bilal")).click();

    Map<String, String> callback = FlowDriver.query(URI.create(browser.getCurrentUrl()));
    JsonNode tokens = FlowDriver.json(app.exchange(callback.get("code"), attempt, "s3cret"));
    assertEquals(
        QfTestUser.BILAL.sub(),
        app.verifyIdToken(tokens.get("id_token").asText(), attempt.nonce()).getSubject());
  }

  @Test
  void loginPage_emptyName_staysOnPageWithProblem() {
    browser.get(app().authorizeUrl(FlowDriver.Attempt.fresh(), "openid").toString());
    browser.findElement(By.id("sign-in")).click();
    assertTrue(browser.findElement(By.id("problem")).getText().contains("Type a user name"));
    assertTrue(browser.findElement(By.id("username")).isDisplayed());
  }
}
