package dev.qfauth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/** Transport-level answers no well-behaved server gives: huge, endless, dropped, redirected. */
final class RawAnswers {
  static final String JSON_TYPE = "application/json; charset=utf-8";

  /** Sixteen times the 256 KiB a careful client reads at most. */
  static final int HUGE_BYTES = 4 * 1024 * 1024;

  private static final long TRICKLE_PERIOD_MILLIS = 100;
  private static volatile byte[] huge;

  private RawAnswers() {}

  static MockResponse json(int status, Object body) {
    return StandInDispatcher.toMock(Responses.json(status, body));
  }

  /** {@code genuine} with another body, keeping its status and headers. */
  static MockResponse withBody(OAuth2HttpResponse genuine, Object body) {
    return StandInDispatcher.toMock(
        new OAuth2HttpResponse(genuine.getHeaders(), genuine.getStatus(), write(body), null));
  }

  static MockResponse text(int status, String contentType, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", contentType)
        .setBody(body);
  }

  static MockResponse html(int status) {
    return text(
        status,
        "text/html; charset=utf-8",
        "<html><body><h1>" + status + "</h1><p>Injected by QfHostileProvider.</p></body></html>");
  }

  static MockResponse redirect(int status, String location) {
    return new MockResponse().setResponseCode(status).setHeader("Location", location).setBody("");
  }

  /** Reads the request, then closes the connection without a byte of answer. */
  static MockResponse dropped() {
    return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
  }

  /** 200 with a 4 MiB JSON-looking body, sent as fast as the client reads. */
  static MockResponse huge(String contentType) {
    byte[] body = huge;
    if (body == null) {
      body = new byte[HUGE_BYTES];
      Arrays.fill(body, (byte) 'x');
      byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(head, 0, body, 0, head.length);
      body[HUGE_BYTES - 2] = '"';
      body[HUGE_BYTES - 1] = '}';
      huge = body;
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", contentType)
        .setBody(new Buffer().write(body));
  }

  /**
   * 200 and its headers at once, then one byte of body every 100 ms, for longer than {@code
   * staller}'s stall time: no read ever times out, yet the answer never completes.
   */
  static MockResponse neverEnding(String contentType, Staller staller) {
    int length = (int) (staller.limit().toMillis() / TRICKLE_PERIOD_MILLIS) + 64;
    byte[] body = new byte[length];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", contentType)
        .setBody(new Buffer().write(body))
        .throttleBody(1, TRICKLE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** QF's gateway error shape, {@code {message, type, success:false}}, with extra headers. */
  static MockResponse apiError(int status, String type, String message, String... headers) {
    OAuth2HttpResponse error = Responses.apiError(status, type, message);
    Headers.Builder all = error.getHeaders().newBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      all.set(headers[i], headers[i + 1]);
    }
    return StandInDispatcher.toMock(
        new OAuth2HttpResponse(all.build(), status, error.getBody(), null));
  }

  static String write(Object body) {
    if (body instanceof String text) {
      return text;
    }
    try {
      return Responses.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> error(String error, String description) {
    return Map.of("error", error, "error_description", description);
  }
}
