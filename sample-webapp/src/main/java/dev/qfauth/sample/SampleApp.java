package dev.qfauth.sample;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthException;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.resource.Resources;

/**
 * Runs the sample war's web app on an embedded Jetty 12 (ee10): the same {@code WEB-INF/web.xml},
 * servlets and {@link dev.qfauth.QfAuthFilter}. The main class of {@code
 * sample-webapp-standalone.jar}.
 *
 * <pre>{@code
 * QF_CLIENT_ID=... QF_CLIENT_SECRET=... PORT=8080 java -jar sample-webapp-standalone.jar
 * }</pre>
 *
 * <p>Configured like the war, by the {@code QF_*} environment variables (or system properties) that
 * the filter reads itself, plus {@code PORT} (default 8080). {@code QF_REDIRECT_URI} defaults to
 * {@code http://localhost:${PORT}/callback}. If the filter rejects its configuration the app does
 * not serve: {@link #main} prints the filter's message and exits with status 1.
 */
public final class SampleApp {
  /** The filter's name in web.xml; {@link #start} hands it the launch settings. */
  static final String FILTER_NAME = "qf-auth";
  /** The environment variable naming the HTTP port. */
  static final String PORT = "PORT";

  /** The port when {@value #PORT} is not set. */
  static final int DEFAULT_PORT = 8080;
  /** The web app directory (with WEB-INF/web.xml) on the class path, as packed in the jar. */
  private static final String WEBAPP = "webapp/";

  private final Server server;
  private final int port;

  private SampleApp(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts on {@code PORT} with the {@code QF_*} settings, prints the URL and serves until the JVM
   * stops. A configuration the filter rejects is printed (its message only) and exits with 1.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> environment = System.getenv();
    SampleApp app;
    try {
      int port = port(environment);
      app = start(port, launchSettings(environment, port));
    } catch (QfAuthException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("qf-auth sample running at " + app.url());
    app.server.join();
  }

  /**
   * The settings this launcher supplies before the filter starts, given the process environment.
   * They become init-params of the web.xml filter, so they take precedence over environment
   * variables and system properties; settings not named here are read by the filter as usual.
   *
   * <p>Today this only defaults {@code QF_REDIRECT_URI} to the local callback. It is the seam for
   * a demo mode: an in-process Quran.Foundation stand-in would be started here and its {@code
   * QF_AUTH_BASE_URL}, {@code QF_API_BASE_URL}, {@code QF_CLIENT_ID}, {@code QF_CLIENT_SECRET} and
   * {@code QF_REDIRECT_URI} returned (and the stand-in stopped with the app).
   *
   * @param environment the process environment ({@link System#getenv()} in {@link #main})
   * @param port the port the app will listen on
   * @return setting name to value; never null, possibly empty
   */
  static Map<String, String> launchSettings(Map<String, String> environment, int port) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (isBlank(environment.get(QfAuthConfig.REDIRECT_URI))
        && isBlank(System.getProperty(QfAuthConfig.REDIRECT_URI))) {
      settings.put(QfAuthConfig.REDIRECT_URI, "http://localhost:" + port + "/callback");
    }
    return settings;
  }

  /**
   * Starts the web app on {@code port} (0 picks a free one) with {@code settings} as init-params of
   * the filter named {@value #FILTER_NAME}.
   *
   * @throws QfAuthException the filter's own start-up error (e.g. a missing {@code QF_CLIENT_ID})
   * @throws Exception when Jetty cannot start, e.g. the port is taken
   */
  public static SampleApp start(int port, Map<String, String> settings) throws Exception {
    Server server = new Server();
    ServerConnector http = new ServerConnector(server);
    http.setPort(port);
    server.addConnector(http);

    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/");
    webapp.setBaseResource(webappDirectory(server));
    // The app's classes are on the class path, not in WEB-INF/classes.
    webapp.setParentLoaderPriority(true);
    // A filter that fails init must fail start(), not leave a running server answering 503.
    webapp.setThrowUnavailableOnStartupException(true);
    webapp.addServletContainerInitializer(new FilterSettings(Map.copyOf(settings)));
    server.setHandler(webapp);
    try {
      server.start();
    } catch (Exception e) {
      // Jetty has already stopped what it started; a second stop would fail on the closed jar.
      throw filterError(e);
    }
    server.setStopAtShutdown(true);
    return new SampleApp(server, http.getLocalPort());
  }

  /** Where to browse: {@code http://localhost:PORT/}. */
  public URI url() {
    return URI.create("http://localhost:" + port + "/");
  }

  /** Stops Jetty and the web app (the filter's {@code destroy} included). */
  public void stop() throws Exception {
    server.stop();
  }

  static int port(Map<String, String> environment) {
    String value = environment.get(PORT);
    if (isBlank(value)) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        PORT + " must be a port number from 1 to 65535, got: " + value);
  }

  /** Tied to the server's life cycle: the web app still reads it while it stops. */
  private static Resource webappDirectory(Server server) {
    Resource dir = ResourceFactory.of(server).newClassLoaderResource(WEBAPP, false);
    if (dir == null || !Resources.exists(dir.resolve("WEB-INF/web.xml"))) {
      throw new IllegalStateException(
          WEBAPP + "WEB-INF/web.xml is not on the class path: run sample-webapp-standalone.jar");
    }
    return dir;
  }

  /** The filter's configuration error when that is why Jetty failed, else {@code e} itself. */
  private static Exception filterError(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof QfAuthException qf) {
        return qf;
      }
    }
    return e;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * Hands the launch settings to the web.xml filter as init-params. A container initializer
   * runs after web.xml is read and before any filter's {@code init}, while registrations may still
   * change.
   */
  private record FilterSettings(Map<String, String> settings)
      implements ServletContainerInitializer {
    /** Names only: demo settings include a client secret, and Jetty may dump its initializers. */
    @Override
    public String toString() {
      return "FilterSettings" + settings.keySet();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
      FilterRegistration filter = context.getFilterRegistration(FILTER_NAME);
      if (filter == null) {
        throw new IllegalStateException("web.xml declares no filter named " + FILTER_NAME);
      }
      settings.forEach(
          (name, value) -> {
            if (!filter.setInitParameter(name, value)) {
              throw new IllegalStateException(
                  "web.xml already sets " + name + "; the launcher will not override it");
            }
          });
    }
  }
}
