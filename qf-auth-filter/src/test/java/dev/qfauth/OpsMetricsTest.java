package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.qfauth.testsupport.Browser;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Operations metrics: bound through Micrometer when it is there, absent without it, and the plain
 * signed-in request counts nothing. Isolated: it reads Micrometer's global registry, which every
 * filter in this JVM writes to.
 */
@Isolated
final class OpsMetricsTest {

  @Test
  void load_withoutMicrometerOnTheClassPath_isTheNoOp_andLoadsNoMicrometerClass() throws Exception {
    List<URL> withoutMicrometer = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("micrometer")) {
        withoutMicrometer.add(new File(entry).toURI().toURL());
      }
    }
    try (WithoutMicrometer loader = new WithoutMicrometer(withoutMicrometer.toArray(URL[]::new))) {
      Class<?> opsMetrics = Class.forName("dev.qfauth.OpsMetrics", true, loader);
      Object config = loader.loadClass("dev.qfauth.QfAuthConfig").getMethod("builder").invoke(null);
      config = config.getClass().getMethod("clientId", String.class).invoke(config, "c");
      config =
          config
              .getClass()
              .getMethod("redirectUri", URI.class)
              .invoke(config, URI.create("https://app.example/cb"));
      config = config.getClass().getMethod("build").invoke(config);
      var load =
          opsMetrics.getMethod(
              "load", config.getClass(), loader.loadClass("dev.qfauth.SessionStore"));
      load.setAccessible(true);

      Object metrics = load.invoke(null, config, null);

      var none = opsMetrics.getField("NONE");
      none.setAccessible(true);
      assertSame(none.get(null), metrics);
      assertNull(loader.loaded("dev.qfauth.MicrometerOpsMetrics"));
    }
  }

  /** The test class path minus Micrometer's jars, as an app without Micrometer has it. */
  private static final class WithoutMicrometer extends URLClassLoader {
    WithoutMicrometer(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    Class<?> loaded(String name) {
      return findLoadedClass(name);
    }
  }

  @Test
  void signInsAndTokenCallsAreCounted_theSignedInRequestCountsNothing() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.globalRegistry.add(registry);
    try (Fixture f = new Fixture(Containers.Kind.JETTY)) {
      Browser alice = new Browser();
      f.signIn(alice, "alice");
      Browser forger = new Browser();
      f.startLogin(forger, "/");
      HttpResponse<String> forged = f.callback(forger, "code=c&state=forged");
      assertEquals(400, forged.statusCode());

      assertEquals(1.0, count(registry, "qfauth.signins", "outcome", "ok"));
      assertEquals(
          1.0,
          count(registry, "qfauth.signins", "outcome", "failed", "reason", "login_state_invalid"));
      assertEquals(
          1L,
          Search.in(registry)
              .name("qfauth.token.endpoint")
              .tags("grant", "authorization_code", "outcome", "answered")
              .timer()
              .count());

      String before = snapshot(registry);
      for (int i = 0; i < 5; i++) {
        assertEquals(200, alice.get(f.url("/whoami")).statusCode());
      }
      assertEquals(before, snapshot(registry), "a signed-in request changed a meter");
    } finally {
      Metrics.globalRegistry.remove(registry);
    }
  }

  @Test
  void refreshesAndTheStoreSizeAreExposed() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId("c")
            .redirectUri(URI.create("https://app.example/cb"))
            .build();
    CaffeineSessionStore store =
        new CaffeineSessionStore(10, Duration.ofMinutes(5), java.time.Clock.systemUTC());
    MicrometerOpsMetrics metrics = new MicrometerOpsMetrics(registry, config, store);

    metrics.refreshSucceeded();
    metrics.refreshWaited();
    metrics.refreshWaited();
    metrics.refreshFailed(QfErrorCode.TOKEN_REFRESH_FAILED);
    store.put(
        config.environment(),
        "h",
        TestSession.builder()
            .sub("s")
            .accessToken("a")
            .expiresAt(java.time.Instant.now().plusSeconds(60))
            .scopes(java.util.Set.of())
            .build());

    assertEquals(1.0, count(registry, "qfauth.refreshes", "outcome", "ok"));
    assertEquals(2.0, count(registry, "qfauth.refreshes", "outcome", "waited"));
    assertEquals(
        1.0,
        count(registry, "qfauth.refreshes", "outcome", "failed", "reason", "token_refresh_failed"));
    assertEquals(1.0, Search.in(registry).name("qfauth.sessions").gauge().value());
    assertFalse(registry.getMeters().isEmpty());
  }

  private static double count(SimpleMeterRegistry registry, String name, String... tags) {
    var counter = Search.in(registry).name(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Every counter's and timer's count, as text. */
  private static String snapshot(SimpleMeterRegistry registry) {
    StringBuilder all = new StringBuilder();
    registry
        .getMeters()
        .forEach(
            m -> {
              if (!(m instanceof io.micrometer.core.instrument.Gauge)) {
                m.measure().forEach(x -> all.append(m.getId()).append('=').append(x).append('\n'));
              }
            });
    return all.toString();
  }
}
