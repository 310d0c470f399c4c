package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's chromedriver, as installed by {@code .ci/run}. Both
 * paths are given to Selenium, so Selenium Manager never runs and nothing is downloaded.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /**
   * Selenium looks for a CDP binding matching the browser's major version at start-up and warns
   * when Debian's Chromium is newer than its bindings; the tests use WebDriver only. Held here so
   * the logger, and its level, are not collected.
   */
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

  private Chromium() {}

  /**
   * Starts a browser with a fresh profile under {@code work}. Without Chromium the test fails in CI
   * ({@code CI=true}), where {@code .ci/run} must have installed it, and is skipped elsewhere.
   */
  static ChromeDriver start(Path work) throws IOException {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      String message =
          "The browser test needs Debian's chromium and chromium-driver ("
              + BROWSER
              + ", "
              + DRIVER
              + "): apt-get install chromium chromium-driver (.ci/run does)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    CDP_LOG.setLevel(Level.SEVERE);
    Path profile = Files.createDirectories(work.resolve("chromium-profile"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,760",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File(work.resolve("chromedriver.log").toString()))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    return driver;
  }
}
