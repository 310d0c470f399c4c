package dev.qfauth.sample;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.testkit.QfStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link BrowserScenario} on the packaged war deployed to embedded Tomcat 11, configured through
 * {@code QF_*} system properties as an operator would, against a {@link QfStandIn} in this JVM.
 */
final class TomcatWarBrowserIT extends BrowserScenario {
  private static final Path WAR = Path.of(System.getProperty("sample.war"));

  private QfStandIn standIn;
  private Container.Deployed tomcat;

  @Override
  URI startApp(Path work) throws Exception {
    int port = freePort();
    String callback = "http://localhost:" + port + "/callback";
    standIn = QfStandIn.start();
    standIn.seedDemoData().confidentialClient("war-client", "war+secret", callback);
    Map<String, String> settings =
        Map.of(
            QfAuthConfig.CLIENT_ID,
            "war-client",
            QfAuthConfig.CLIENT_SECRET,
            "war+secret",
            QfAuthConfig.AUTH_BASE_URL,
            standIn.authBaseUrl().toString(),
            QfAuthConfig.API_BASE_URL,
            standIn.apiBaseUrl().toString(),
            QfAuthConfig.REDIRECT_URI,
            callback);
    settings.forEach(System::setProperty);
    try {
      tomcat = Container.TOMCAT.deploy(WAR, work.resolve("tomcat"), port);
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
    if (!tomcat.available()) {
      throw new IllegalStateException("the war did not start on Tomcat");
    }
    return tomcat.url();
  }

  @Override
  void stopApp() {
    try {
      if (tomcat != null) {
        tomcat.close();
      }
    } finally {
      if (standIn != null) {
        standIn.close();
      }
    }
  }

  @Override
  String name() {
    return "war-tomcat";
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
