package dev.qfauth;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two Quran.Foundation environments. Each fixes both base URLs together, so a pre-live token
 * can never be sent to production or the other way round (tokens do not cross environments).
 */
public enum QfEnvironment {
  /** Pre-production: testing and development, with its own user accounts. */
  PRELIVE(
      "prelive",
      "https://prelive-oauth2.quran.foundation",
      "https://apis-prelive.quran.foundation"),
  /** Production: live applications. */
  PRODUCTION("production", "https://oauth2.quran.foundation", "https://apis.quran.foundation");

  private final String id;
  private final URI authBaseUrl;
  private final URI apiBaseUrl;

  QfEnvironment(String id, String authBaseUrl, String apiBaseUrl) {
    this.id = id;
    this.authBaseUrl = URI.create(authBaseUrl);
    this.apiBaseUrl = URI.create(apiBaseUrl);
  }

  /** The value used in {@code QF_ENV}: {@code prelive} or {@code production}. */
  public String id() {
    return id;
  }

  /** QF's authorization server for this environment. */
  public URI authBaseUrl() {
    return authBaseUrl;
  }

  /** QF's API gateway for this environment; User APIs live under {@code /auth/v1}. */
  public URI apiBaseUrl() {
    return apiBaseUrl;
  }

  /**
   * Parses a {@code QF_ENV} value, case-insensitively.
   *
   * @throws QfConfigException naming the allowed values when {@code value} is not one of them
   */
  public static QfEnvironment parse(String value) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (QfEnvironment env : values()) {
      if (env.id.equals(wanted)) {
        return env;
      }
    }
    String allowed =
        Arrays.stream(values())
            .map(QfEnvironment::id)
            .collect(Collectors.joining("' or '", "'", "'"));
    throw new QfConfigException(
        "Unknown QF_ENV '"
            + Redaction.printable(value, 40)
            + "': allowed values are "
            + allowed
            + ".");
  }

  @Override
  public String toString() {
    return id;
  }
}
