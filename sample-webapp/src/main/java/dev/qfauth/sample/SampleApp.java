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
import java.util.function.IntFunction;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
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
 * QF_DEMO=true java -jar sample-webapp-standalone.jar      # offline, against a local stand-in
 * }</pre>
 *
 * <p>Configured like the war, by the {@code QF_*} environment variables (or system properties) that
 * the filter reads itself, plus {@code PORT} (default 8080). {@code QF_REDIRECT_URI} defaults to
 * {@code http://localhost:${PORT}/callback}. If the filter rejects its configuration the app does
 * not serve: {@link #main} prints the filter's message and exits with status 1.
 *
 * <p>{@code QF_DEMO=true} without {@code QF_CLIENT_ID} is demo mode ({@link DemoMode}): an
 * in-process Quran.Foundation stand-in with demo users, stopped with the app. {@code QF_DEMO=true}
 * with {@code QF_CLIENT_ID} is refused.
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
  private final WebAppContext webapp;
  private final int port;
  private final DemoMode demo;

  private SampleApp(Server server, WebAppContext webapp, int port, DemoMode demo) {
    this.server = server;
    this.webapp = webapp;
    this.port = port;
    this.demo = demo;
  }

  /**
   * Starts on {@code PORT} with the {@code QF_*} settings (or in demo mode), prints the URL and
   * serves until the JVM stops. A configuration the filter rejects is printed (its message only)
   * and exits with 1.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> environment = System.getenv();
    SampleApp app;
    try {
      int port = port(environment);
      app =
          DemoMode.requested(environment)
              ? startDemo(port)
              : start(port, launchSettings(environment, port));
    } catch (QfAuthException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("qf-auth sample running at " + app.url());
    if (app.demo != null) {
      System.out.println(app.demo.banner(app.url()));
    }
    app.server.join();
  }

  /**
   * The settings this launcher supplies before the filter starts, given the process environment.
   * They become init-params of the web.xml filter, so they take precedence over environment
   * variables and system properties; settings not named here are read by the filter as usual.
   *
   * <p>This only defaults {@code QF_REDIRECT_URI} to the local callback; demo mode supplies all of
   * the provider settings instead ({@link #startDemo}).
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
    Map<String, String> copy = Map.copyOf(settings);
    return start(port, boundPort -> new Launch(copy, null));
  }

  /**
   * Starts in demo mode on {@code port} (0 picks a free one): a {@link DemoMode} stand-in, started
   * once the port is bound (its client's redirect URI names the port), supplies the filter's
   * provider settings and stops when the app stops, by {@link #stop} or at JVM shutdown.
   *
   * @throws Exception when Jetty cannot start, e.g. the port is taken
   */
  static SampleApp startDemo(int port) throws Exception {
    return start(
        port,
        boundPort -> {
          DemoMode demo = DemoMode.start(boundPort);
          return new Launch(demo.settings(), demo);
        });
  }

  /** What the web app is started with: the filter's settings and, in demo mode, the stand-in. */
  private record Launch(Map<String, String> settings, DemoMode demo) {}

  private static SampleApp start(int port, IntFunction<Launch> prepare) throws Exception {
    Server server = new Server();
    ServerConnector http = new ServerConnector(server);
    http.setPort(port);
    server.addConnector(http);
    // Bound before the settings are made: demo mode registers the callback URL, port included.
    http.open();
    Launch launch;
    try {
      launch = prepare.apply(http.getLocalPort());
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    DemoMode demo = launch.demo();
    if (demo != null) {
      // Stopping Jetty (stop(), or its shutdown hook on Ctrl-C) stops the stand-in after the app.
      server.addEventListener(
          new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
              demo.close();
            }
          });
    }

    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/");
    webapp.setBaseResource(webappDirectory(server));
    // The app's classes are on the class path, not in WEB-INF/classes.
    webapp.setParentLoaderPriority(true);
    // A filter that fails init must fail start(), not leave a running server answering 503.
    webapp.setThrowUnavailableOnStartupException(true);
    webapp.addServletContainerInitializer(new FilterSettings(launch.settings(), demo != null));
    server.setHandler(webapp);
    try {
      server.start();
    } catch (Exception e) {
      // Jetty has already stopped what it started; a second stop would fail on the closed jar.
      if (demo != null) {
        demo.close();
      }
      throw filterError(e);
    }
    server.setStopAtShutdown(true);
    return new SampleApp(server, webapp, http.getLocalPort(), demo);
  }

  /** Where to browse: {@code http://localhost:PORT/}. */
  public URI url() {
    return URI.create("http://localhost:" + port + "/");
  }

  /**
   * The web app's servlet context, where the filter publishes its store and configuration (for
   * {@code QfTestSessions} in tests).
   */
  public ServletContext servletContext() {
    return webapp.getServletContext();
  }

  /** The demo stand-in's base URL, or {@code null} when not in demo mode. */
  URI demoStandInUrl() {
    return demo == null ? null : demo.standInUrl();
  }

  /** Stops Jetty and the web app (the filter's {@code destroy} included), then a demo stand-in. */
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
   * Hands the launch settings to the web.xml filter as init-params, and in demo mode tells the
   * pages so ({@link HomeServlet#DEMO_ATTRIBUTE}). A container initializer runs after web.xml is
   * read and before any filter's {@code init}, while registrations may still change.
   */
  private record FilterSettings(Map<String, String> settings, boolean demo)
      implements ServletContainerInitializer {
    /** Names only: demo settings include a client secret, and Jetty may dump its initializers. */
    @Override
    public String toString() {
      return "FilterSettings" + settings.keySet();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
      if (demo) {
        context.setAttribute(HomeServlet.DEMO_ATTRIBUTE, Boolean.TRUE);
      }
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
