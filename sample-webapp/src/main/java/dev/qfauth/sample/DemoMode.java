package dev.qfauth.sample;

import dev.qfauth.QfAuthConfig;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestClient;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code QF_DEMO=true}: the standalone sample signs in against a {@link QfStandIn} running in the
 * same process instead of Quran.Foundation, so it works offline and without credentials. The
 * stand-in has the demo users {@code alice} and {@code bilal} with collections, and one
 * confidential client whose only redirect URI is this app's callback; the filter gets the
 * stand-in's URLs and that client as launch settings.
 *
 * <p>Only the standalone jar has demo mode: the war never loads this class, so the testkit stays
 * out of its {@code WEB-INF/lib}.
 */
final class DemoMode implements AutoCloseable {
  /**
   * The switch: {@code true} or {@code false}, a system property or else an environment variable.
   */
  static final String SWITCH = "QF_DEMO";

  /** The demo client's id at the stand-in. */
  static final String CLIENT_ID = "qf-auth-demo";

  private final QfStandIn standIn;
  private final Map<String, String> settings;

  private DemoMode(QfStandIn standIn, Map<String, String> settings) {
    this.standIn = standIn;
    this.settings = settings;
  }

  /**
   * Whether demo mode is asked for. A client id from the environment (or a system property) wins
   * nothing here: the two together are refused, because either reading could surprise, signing in
   * to a stand-in while believing to use Quran.Foundation or the other way round.
   *
   * @param environment the process environment; {@code QF_DEMO} and {@code QF_CLIENT_ID} are also
   *     read from system properties, which take precedence as they do for the filter
   * @throws IllegalArgumentException when {@code QF_DEMO} is neither true nor false, or is true
   *     while {@code QF_CLIENT_ID} is set
   */
  static boolean requested(Map<String, String> environment) {
    String value = setting(environment, SWITCH);
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (!value.equalsIgnoreCase("true")) {
      throw new IllegalArgumentException(SWITCH + " must be true or false, got: " + value);
    }
    if (setting(environment, QfAuthConfig.CLIENT_ID) != null) {
      throw new IllegalArgumentException(
          SWITCH
              + "=true and "
              + QfAuthConfig.CLIENT_ID
              + " are both set. Demo mode signs in with a local stand-in and would ignore your"
              + " Quran.Foundation client: unset "
              + SWITCH
              + " to use Quran.Foundation, or unset "
              + QfAuthConfig.CLIENT_ID
              + " for the offline demo.");
    }
    return true;
  }

  /**
   * Starts a stand-in on a free loopback port, seeded with the demo users and a confidential client
   * (random secret) whose redirect URI is {@code http://localhost:appPort/callback}.
   */
  static DemoMode start(int appPort) {
    QfStandIn standIn = QfStandIn.start();
    try {
      String secret = randomSecret();
      String callback = "http://localhost:" + appPort + "/callback";
      standIn
          .client(QfTestClient.confidential(CLIENT_ID, secret).redirectUris(callback).build())
          .seedDemoData();
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(QfAuthConfig.ENV, "prelive");
      settings.put(QfAuthConfig.AUTH_BASE_URL, standIn.authBaseUrl().toString());
      settings.put(QfAuthConfig.API_BASE_URL, standIn.apiBaseUrl().toString());
      settings.put(QfAuthConfig.CLIENT_ID, CLIENT_ID);
      settings.put(QfAuthConfig.CLIENT_SECRET, secret);
      settings.put(QfAuthConfig.REDIRECT_URI, callback);
      return new DemoMode(standIn, Map.copyOf(settings));
    } catch (RuntimeException e) {
      standIn.close();
      throw e;
    }
  }

  /** The filter's settings: the stand-in's URLs, the demo client with its secret, the callback. */
  Map<String, String> settings() {
    return settings;
  }

  /** The stand-in's base URL, where the sign-in page is. */
  URI standInUrl() {
    return standIn.authBaseUrl();
  }

  /** What the launcher prints after the start-up line: demo mode, where to sign in, as whom. */
  String banner(URI appUrl) {
    return String.join(
        System.lineSeparator(),
        "DEMO MODE ("
            + SWITCH
            + "=true): Quran.Foundation is played by a local stand-in at "
            + standInUrl()
            + ", in this process. Nothing leaves this machine.",
        "  Open "
            + appUrl
            + " and click \"Sign in\", then continue as alice or bilal"
            + " (or type any name).",
        "  Ctrl-C stops the app and the stand-in. For the real Quran.Foundation: unset "
            + SWITCH
            + " and set QF_CLIENT_ID and QF_CLIENT_SECRET.");
  }

  /** Stops the stand-in. Idempotent. */
  @Override
  public void close() {
    standIn.close();
  }

  private static String setting(Map<String, String> environment, String name) {
    for (String value : new String[] {System.getProperty(name), environment.get(name)}) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
