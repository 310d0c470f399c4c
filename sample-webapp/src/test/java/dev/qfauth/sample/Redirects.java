package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfStandIn;
import java.net.http.HttpResponse;

/** What the tests check about the filter's redirects. */
final class Redirects {
  private Redirects() {}

  /** Where a redirect sends the browser. */
  static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElseThrow();
  }

  /** A 302 to {@code provider}'s authorization endpoint: the filter's answer to /login. */
  static void assertToAuthorize(QfStandIn provider, HttpResponse<String> response) {
    assertEquals(302, response.statusCode(), response.body());
    String location = location(response);
    assertTrue(location.startsWith(provider.authBaseUrl() + "/oauth2/auth?"), location);
  }
}
