package dev.qfauth.bench;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthFilter;
import jakarta.servlet.DispatcherType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.pac4j.core.config.Config;
import org.pac4j.jee.filter.CallbackFilter;
import org.pac4j.jee.filter.SecurityFilter;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * One embedded Jetty 12 serving {@link HelloServlet} at {@code /hello}, in one of the set-ups:
 *
 * <ul>
 *   <li>{@code bare}: the servlet alone, no filter and no session handler;
 *   <li>{@code qf}: behind {@link QfAuthFilter} (default store, system clock);
 *   <li>{@code qf-clock}: the same with a clock the parent can move ({@code shift SECONDS});
 *   <li>{@code qf-redis}: behind {@link QfAuthFilter} with {@code QF_SESSION_STORE=redis}, the rest
 *       of the Redis store's settings ({@code QF_REDIS_URI}, {@code QF_REDIS_KEY}, {@code
 *       QF_REDIS_NEAR_CACHE_SIZE}) from the environment, as a deployment sets them;
 *   <li>{@code floor}: behind {@link FloorFilter}, the least a cookie-session filter does;
 *   <li>{@code pac4j}: behind pac4j's {@code SecurityFilter} with an {@code OidcClient}
 *       (HttpSession store, so this set-up alone has Jetty's session handler).
 * </ul>
 *
 * Args: {@code MODE PORT ISSUER}. Prints {@code READY} when listening, then obeys stdin: {@code
 * stats}, {@code shift SECONDS}, {@code quit}.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    String issuer = args[2];
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ShiftableClock clock = new ShiftableClock();
    String base = "http://127.0.0.1:" + port;
    ServletContextHandler context;
    switch (mode) {
      case "bare" -> context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
      case "qf", "qf-clock" -> {
        context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        QfAuthConfig.Builder config =
            QfAuthConfig.builder()
                .clientId(BenchQf.CLIENT_ID)
                .clientSecret(BenchQf.CLIENT_SECRET)
                .authBaseUrl(URI.create(issuer))
                .apiBaseUrl(URI.create(issuer))
                .redirectUri(URI.create(base + "/callback"));
        if (mode.equals("qf-clock")) {
          config.clock(clock);
        }
        context.addFilter(
            new FilterHolder(new QfAuthFilter(config.build())),
            "/*",
            EnumSet.of(DispatcherType.REQUEST));
      }
      case "qf-redis" -> {
        context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        Map<String, String> settings =
            Map.of(
                QfAuthConfig.CLIENT_ID,
                BenchQf.CLIENT_ID,
                QfAuthConfig.CLIENT_SECRET,
                BenchQf.CLIENT_SECRET,
                QfAuthConfig.AUTH_BASE_URL,
                issuer,
                QfAuthConfig.API_BASE_URL,
                issuer,
                QfAuthConfig.REDIRECT_URI,
                base + "/callback",
                QfAuthConfig.SESSION_STORE,
                "redis");
        // The store found by name through ServiceLoader, exactly as in an app.
        context.addFilter(
            new FilterHolder(new QfAuthFilter(QfAuthConfig.fromSources(settings::get))),
            "/*",
            EnumSet.of(DispatcherType.REQUEST));
      }
      case "floor" -> {
        context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addFilter(
            new FilterHolder(new FloorFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
      }
      case "pac4j" -> {
        context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        OidcConfiguration oidc = new OidcConfiguration();
        oidc.setClientId(BenchQf.CLIENT_ID);
        oidc.setSecret(BenchQf.CLIENT_SECRET);
        oidc.setDiscoveryURI(issuer + "/.well-known/openid-configuration");
        oidc.setScope("openid offline_access user collection");
        oidc.setUseNonce(true);
        // A QF client is registered with one method, Basic, and the stand-in holds to it like
        // Hydra; left alone, pac4j would take the first method discovery lists (post).
        oidc.setClientAuthenticationMethod(
            com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        OidcClient client = new OidcClient(oidc);
        Config config = new Config(base + "/callback", client);
        context.addFilter(
            new FilterHolder(new CallbackFilter(config)),
            "/callback",
            EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(
            new FilterHolder(new SecurityFilter(config, "OidcClient")),
            "/hello",
            EnumSet.of(DispatcherType.REQUEST));
      }
      default ->
          throw new IllegalArgumentException(
              "mode: bare, qf, qf-clock, qf-redis, floor or pac4j, not " + mode);
    }
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
    server.setHandler(context);
    server.start();
    System.out.println("READY " + mode + " " + base);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split("\\s+");
      switch (cmd[0]) {
        case "stats" ->
            System.out.println(
                "STATS served="
                    + HelloServlet.SERVED.sum()
                    + " withUser="
                    + HelloServlet.WITH_USER.sum());
        case "shift" -> {
          clock.shiftSeconds(Long.parseLong(cmd[1]));
          System.out.println("SHIFTED " + Clock.systemUTC().instant() + " -> " + clock.instant());
        }
        case "quit" -> {
          server.stop();
          System.out.println("BYE");
          System.out.flush();
          System.exit(0);
        }
        default -> System.out.println("? " + line);
      }
      System.out.flush();
    }
    server.stop();
  }
}
