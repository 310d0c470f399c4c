package dev.qfauth.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prepares a base directory for a row (Tomcat's CATALINA_BASE or a jetty-base), drops the WARs in
 * its webapps/, and starts the container the way its distribution starts it. Settings reach the
 * filter through the process environment, as an operator would set them.
 */
final class Deployment {
  static final String CONTEXT = "/sample";
  static final String PUBLIC_HOST = "app.example.test";

  /** The WARs with old libraries: the plain filter jar, and the self-contained one. */
  static final String OLD_LIBS_PLAIN = "/old-libs-plain";

  static final String OLD_LIBS_ALL = "/old-libs-all";
  static final String MANAGER_USER = "it-manager";
  static final String MANAGER_PASSWORD = "it-manager-pw";

  private Deployment() {}

  /** Where the app answers locally, and where the world sees it (differs behind the proxy). */
  record Addresses(int port, URI local, URI published) {
    URI redirectUri() {
      return published.resolve(CONTEXT + "/callback");
    }

    URI examplesRedirectUri() {
      return local.resolve("/examples/callback");
    }

    URI redirectUri(String context) {
      return local.resolve(context + "/callback");
    }
  }

  static Addresses addresses(Row row) {
    int port = freePort();
    URI local = URI.create("http://localhost:" + port);
    return new Addresses(port, local, row.proxy() ? URI.create("https://" + PUBLIC_HOST) : local);
  }

  static ContainerProcess start(Row row, Path work, Addresses at, Map<String, String> settings)
      throws IOException {
    Path base = work.resolve("base");
    Files.createDirectories(base.resolve("webapps"));
    Path war = Path.of(System.getProperty("it.wars")).resolve(row.war());
    Path deployed = base.resolve("webapps").resolve(CONTEXT.substring(1) + ".war");
    if (row.fragment()) {
      // The opt-in way: no filter entry in web.xml, the jar's web-fragment.xml installs it.
      Files2.copyWarEditing(war, deployed, "WEB-INF/web.xml", Deployment::withoutFilterEntry);
    } else {
      Files.copy(war, deployed);
    }
    Map<String, String> env = new HashMap<>(settings);
    env.put("JAVA_HOME", javaHome());
    Path log = work.resolve("console.log");
    if (row.isTomcat()) {
      prepareTomcat(row, base, at);
      env.put("CATALINA_HOME", row.home().toString());
      env.put("CATALINA_BASE", base.toString());
      env.put("CATALINA_OPTS", jvmOptions());
      List<String> command = List.of("sh", row.home().resolve("bin/catalina.sh").toString(), "run");
      return ContainerProcess.start(row.name(), command, base, env, log);
    }
    prepareJetty(row, base, env);
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(List.of(jvmOptions().split(" ")));
    command.addAll(
        List.of(
            "-jar",
            row.home().resolve("start.jar").toString(),
            "jetty.home=" + row.home(),
            "jetty.base=" + base,
            "jetty.http.host=127.0.0.1",
            "jetty.http.port=" + at.port()));
    return ContainerProcess.start(row.name(), command, base, env, log);
  }

  /** Small heap and quick JIT: these JVMs serve a dozen requests each. */
  private static String jvmOptions() {
    return "-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";
  }

  private static String java() {
    return Path.of(javaHome(), "bin", "java").toString();
  }

  /** The test's own JDK, or another one for the containers: -Dit.containerJavaHome=... */
  private static String javaHome() {
    return System.getProperty("it.containerJavaHome", System.getProperty("java.home"));
  }

  private static void prepareTomcat(Row row, Path base, Addresses at) {
    Path home = row.home();
    Files2.copyTree(home.resolve("conf"), base.resolve("conf"));
    for (String dir : List.of("logs", "temp", "work")) {
      try {
        Files.createDirectories(base.resolve(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Path serverXml = base.resolve("conf/server.xml");
    Files2.edit(serverXml, xml -> xml.replace("port=\"8005\"", "port=\"-1\""));
    Files2.edit(
        serverXml,
        xml ->
            xml.replace(
                "<Connector port=\"8080\"",
                "<Connector address=\"127.0.0.1\" port=\"" + at.port() + "\""));
    if (row.proxy()) {
      // The proxy terminates TLS and says so in X-Forwarded-Proto/Host; loopback is trusted.
      Files2.edit(
          serverXml,
          xml ->
              xml.replace(
                  "<Host name=\"localhost\"",
                  "<Valve className=\"org.apache.catalina.valves.RemoteIpValve\""
                      + " internalProxies=\"127\\.0\\.0\\.1|0:0:0:0:0:0:0:1\""
                      + " remoteIpHeader=\"X-Forwarded-For\""
                      + " protocolHeader=\"X-Forwarded-Proto\""
                      + " hostHeader=\"X-Forwarded-Host\"/>\n      <Host name=\"localhost\""));
    }
    if (row.redeploy()) {
      // Check webapps/ every second instead of every ten, and give the manager app a user.
      Files2.edit(
          serverXml,
          xml ->
              xml.replace(
                  "<Engine name=\"Catalina\"",
                  "<Engine name=\"Catalina\" backgroundProcessorDelay=\"1\""));
      Files2.copyTree(home.resolve("webapps/manager"), base.resolve("webapps/manager"));
      try {
        Files.writeString(
            base.resolve("conf/tomcat-users.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tomcat-users>\n"
                + "  <role rolename=\"manager-script\"/>\n"
                + "  <user username=\""
                + MANAGER_USER
                + "\" password=\""
                + MANAGER_PASSWORD
                + "\" roles=\"manager-script\"/>\n</tomcat-users>\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (row.examples()) {
      installExamples(row, base, at);
    }
    if (row.oldLibraries()) {
      installOldLibraryApps(row, base, at);
    }
  }

  /**
   * The WAR as an old app's build would make it: its own Jackson 2.12 and Nimbus 9 instead of the
   * versions the filter declares, next to the plain filter jar or the {@code all} jar. Settings for
   * these apps are init-params (the environment belongs to the sample).
   */
  private static void installOldLibraryApps(Row row, Path base, Addresses at) {
    Path war = Path.of(System.getProperty("it.wars")).resolve(row.war());
    Path javaxLib = Path.of(System.getProperty("it.javaxLib"));
    List<Path> oldLibs = Files2.list(Path.of(System.getProperty("it.oldLibs")));
    List<String> replaced = List.of("jackson-", "nimbus-jose-jwt-");
    Files2.copyWarReplacingLibs(
        war,
        base.resolve("webapps" + OLD_LIBS_PLAIN + ".war"),
        replaced,
        oldLibs,
        xml -> withRedirectUri(xml, at.redirectUri(OLD_LIBS_PLAIN)));
    List<Path> withAll = new ArrayList<>(oldLibs);
    withAll.add(javaxLib.resolve("qf-auth-filter-javax-all.jar"));
    Files2.copyWarReplacingLibs(
        war,
        base.resolve("webapps" + OLD_LIBS_ALL + ".war"),
        List.of("jackson-", "nimbus-jose-jwt-", "qf-auth-filter-"),
        withAll,
        xml -> withRedirectUri(xml, at.redirectUri(OLD_LIBS_ALL)));
  }

  private static String withRedirectUri(String webXml, URI redirectUri) {
    String anchor = "<filter-class>dev.qfauth.QfAuthFilter</filter-class>";
    return webXml.replace(
        anchor,
        anchor
            + "\n    <init-param><param-name>QF_REDIRECT_URI</param-name><param-value>"
            + redirectUri
            + "</param-value></init-param>");
  }

  /**
   * Tomcat's own examples app, changed only as the README says: the jars into WEB-INF/lib and the
   * filter entry in web.xml (its settings as init-params, since the sample owns the environment).
   */
  private static void installExamples(Row row, Path base, Addresses at) {
    Path examples = base.resolve("webapps/examples");
    Files2.copyTree(row.home().resolve("webapps/examples"), examples);
    Path lib = examples.resolve("WEB-INF/lib");
    // The filter jar for the container's namespace and its libraries (filter-lib holds the
    // jakarta filter and the libraries it declares).
    List<Path> jars = new ArrayList<>();
    for (Path jar : Files2.list(Path.of(System.getProperty("it.filterLib")))) {
      if (!row.javax() || !jar.getFileName().toString().startsWith("qf-auth-filter-")) {
        jars.add(jar);
      }
    }
    if (row.javax()) {
      jars.add(Path.of(System.getProperty("it.javaxLib")).resolve("qf-auth-filter-javax.jar"));
    }
    try {
      Files.createDirectories(lib);
      for (Path jar : jars) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String entry =
        "\n  <filter>\n"
            + "    <filter-name>qf-auth</filter-name>\n"
            + "    <filter-class>dev.qfauth.QfAuthFilter</filter-class>\n"
            + "    <init-param><param-name>QF_REDIRECT_URI</param-name>"
            + "<param-value>"
            + at.examplesRedirectUri()
            + "</param-value></init-param>\n"
            + "    <init-param><param-name>QF_PROTECTED_PATHS</param-name>"
            + "<param-value>/jsp/snp/*</param-value></init-param>\n"
            + "  </filter>\n"
            + "  <filter-mapping>\n"
            + "    <filter-name>qf-auth</filter-name>\n"
            + "    <url-pattern>/*</url-pattern>\n"
            + "  </filter-mapping>\n";
    // First in web.xml, so its mapping runs before the examples' own filters.
    Files2.edit(
        examples.resolve("WEB-INF/web.xml"),
        xml -> {
          int open = xml.indexOf('>', xml.indexOf("<web-app")) + 1;
          return xml.substring(0, open) + entry + xml.substring(open);
        });
  }

  private static void prepareJetty(Row row, Path base, Map<String, String> env) {
    List<String> modules = new ArrayList<>(List.of("http", row.jettyEnvironment() + "-deploy"));
    if (row.proxy()) {
      modules.add("http-forwarded");
    }
    List<String> command =
        List.of(
            java(),
            "-jar",
            row.home().resolve("start.jar").toString(),
            "jetty.home=" + row.home(),
            "jetty.base=" + base,
            "--add-modules=" + String.join(",", modules));
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(base.toFile())
              .redirectErrorStream(true)
              .redirectOutput(base.resolve("add-modules.log").toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "start.jar --add-modules failed:\n"
                + Files.readString(base.resolve("add-modules.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sample's web.xml with its {@code qf-auth} filter and mapping taken out. */
  static String withoutFilterEntry(String xml) {
    return xml.replaceAll("(?s)<filter>.*?</filter>", "")
        .replaceAll("(?s)<filter-mapping>.*?</filter-mapping>", "");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
