package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Every secret that crossed the provider, in either direction: client secrets (as sent and
 * decoded), codes, code verifiers, access, refresh and ID tokens (genuine and forged). A test
 * asserts that none of them shows up in the application's logs or pages.
 */
final class SecretLedger {
  /** The request parameters that carry a secret; {@link QfRecordedRequest} redacts them too. */
  static final List<String> SECRET_PARAMETERS =
      List.of(
          "code",
          "code_verifier",
          "refresh_token",
          "access_token",
          "id_token",
          "id_token_hint",
          "token",
          "client_secret");

  private static final int SHORTEST = 8; // shorter values would match ordinary words

  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  void add(String value) {
    if (value != null && value.length() >= SHORTEST) {
      seen.add(value);
    }
  }

  Set<String> snapshot() {
    return Set.copyOf(seen);
  }

  /** Parameters, {@code Authorization} and {@code x-auth-token} of a request. */
  void record(RecordedRequest request) {
    record(parseQuietly(request.getRequestUrl().encodedQuery()));
    String type = request.getHeader("Content-Type");
    if (type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      record(parseQuietly(request.getBody().clone().readUtf8()));
    }
    add(request.getHeader("x-auth-token"));
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return;
    }
    int space = authorization.indexOf(' ');
    String credentials = space < 0 ? authorization : authorization.substring(space + 1).trim();
    add(credentials);
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        String secret = pair.substring(pair.indexOf(':') + 1);
        add(secret);
        add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not Base64 or a bad escape: the raw value is recorded already
      }
    }
  }

  private static Form parseQuietly(String raw) {
    try {
      return Form.parse(raw);
    } catch (IllegalArgumentException e) {
      return Form.empty(); // a bad escape: nothing a client would have sent as a secret
    }
  }

  private void record(Form form) {
    for (String name : SECRET_PARAMETERS) {
      add(form.get(name));
    }
  }

  /** The tokens of a token response. */
  void recordTokens(JsonNode json) {
    for (String name : List.of("access_token", "refresh_token", "id_token")) {
      JsonNode value = json.get(name);
      if (value != null && value.isTextual()) {
        add(value.asText());
      }
    }
  }
}
