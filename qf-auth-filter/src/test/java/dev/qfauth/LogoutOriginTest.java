package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Origins compared as RFC 6454 serialises them, whatever the redirect URI spells out. */
final class LogoutOriginTest {

  @ParameterizedTest
  @CsvSource({
    "https://app.example:443/callback,  https://app.example",
    "https://App.EXAMPLE/callback,      https://app.example",
    "HTTPS://app.example,               https://app.example",
    "http://app.example:80/cb,          http://app.example",
    "http://app.example:443/cb,         http://app.example:443",
    "https://app.example:80/cb,         https://app.example:80",
    "https://app.example:8443/cb,       https://app.example:8443",
    "http://127.0.0.1:8080/callback,    http://127.0.0.1:8080",
    "http://[::1]:80/callback,          http://[::1]",
  })
  void origin_defaultPortAndCase_normalised(String uri, String expected) {
    assertEquals(expected, LogoutHandler.origin(uri));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "", "file:///etc/passwd", "app.example", "https://", "%%%"})
  void origin_opaqueOrNotAnOrigin_none(String value) {
    assertNull(LogoutHandler.origin(value));
  }
}
