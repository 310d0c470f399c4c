package dev.qfauth;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Building the authorization redirect of {@code /login}: fresh state, nonce and PKCE verifier from
 * the shared SecureRandom, the S256 challenge, the pending login stored (bounded cache at its
 * steady state of evicting), and the URL. Discovery is loaded once in setup.
 */
public class LoginRedirectBenchmark extends JmhDefaults {
  LocalProvider provider;
  FilterParts parts;
  String browser;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    provider = new LocalProvider();
    parts = FilterParts.of(provider.config().build());
    parts.warmUp();
    browser = Randoms.token();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    provider.close();
  }

  @Benchmark
  public String beginLogin() {
    return parts.signIns().begin(browser, "/hello", false);
  }

  /** The same from both cores: they share one SecureRandom. */
  @Benchmark
  @Threads(2)
  public String beginLogin_2threads() {
    return parts.signIns().begin(browser, "/hello", false);
  }

  /** One 32-byte random value (a login draws three, a new browser four). */
  @Benchmark
  public String randomToken() {
    return Randoms.token();
  }
}
