package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qfauth.testkit.QfRecordedRequest;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testkit.QfTokenFailure;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guide's back-end exchange for native and SPA apps, and its companion refresh endpoint. */
final class ExchangeEndpointTest {
  @RegisterExtension static final QfStandInExtension QF = new QfStandInExtension();

  private static final String VERIFIER = "dBjftJeZ4CVP-mJ92IgMwNk-v5Q2qIJfQVD2tBcVWxI";
  private static final String REDIRECT = StandInFixture.APP_REDIRECT;

  private static StandInFixture fixture(
      Containers.Kind kind, UnaryOperator<QfAuthConfig.Builder> tweak) throws Exception {
    return new StandInFixture(QF.standIn(), kind, tweak);
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void appExchangesCodeAndRefreshesThroughTheBackend(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind, b -> b)) {
      String code = f.appCode(VERIFIER, "app-nonce-123");
      Browser app = new Browser();
      HttpResponse<String> response =
          app.post(
              f.url("/auth/qf/exchange"),
              "application/json",
              Json.write(
                  Map.of(
                      "code",
                      code,
                      "codeVerifier",
                      VERIFIER,
                      "redirectUri",
                      REDIRECT,
                      "nonce",
                      "app-nonce-123")));
      assertEquals(200, response.statusCode(), response.body());
      // RFC 6749 5.1: an answer carrying tokens is never cached.
      assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
      assertEquals("no-cache", response.headers().firstValue("Pragma").orElse(null));
      JsonNode body = Json.parseOrNull(response.body());
      String accessToken = body.get("accessToken").asText();
      assertTrue(accessToken.length() > 20, response.body());
      assertEquals("alice", body.path("user").path("sub").asText());
      assertEquals(43, body.get("sessionHandle").asText().length());
      QfRecordedRequest exchange = f.qf.lastTokenRequest().orElseThrow();
      assertEquals(code, exchange.parameter("code").orElseThrow());
      assertEquals(VERIFIER, exchange.parameter("code_verifier").orElseThrow());
      assertEquals(REDIRECT, exchange.parameter("redirect_uri").orElseThrow());

      HttpResponse<String> refreshed =
          app.post(
              f.url("/auth/qf/exchange/refresh"),
              "application/json",
              Json.write(Map.of("sessionHandle", body.get("sessionHandle").asText())));
      assertEquals(200, refreshed.statusCode(), refreshed.body());
      String rotated = Json.parseOrNull(refreshed.body()).get("accessToken").asText();
      assertTrue(rotated.length() > 20, refreshed.body());
      assertNotEquals(accessToken, rotated);
      assertEquals(1, f.qf.tokenCalls("refresh_token"));
      // The stand-in accepted the refresh token, so it is the one the exchange issued; the app
      // never saw it.
      String refreshToken = f.qf.lastTokenRequest().orElseThrow().parameter("refresh_token").get();
      assertFalse(response.body().contains(refreshToken), "the refresh token stays on the server");
      assertFalse(refreshed.body().contains(refreshToken));

      HttpResponse<String> unknown =
          app.post(
              f.url("/auth/qf/exchange/refresh"),
              "application/json",
              Json.write(Map.of("sessionHandle", "x".repeat(43))));
      assertEquals(401, unknown.statusCode());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"code\":\"c\",\"codeVerifier\":\"" + VERIFIER + "\"}",
        "{\"code\":\"c\",\"redirectUri\":\"" + REDIRECT + "\"}",
        "{\"codeVerifier\":\"" + VERIFIER + "\",\"redirectUri\":\"" + REDIRECT + "\"}",
        "{\"code\":\"c\",\"codeVerifier\":\"short\",\"redirectUri\":\"" + REDIRECT + "\"}",
        "{\"code\":\"c\",\"codeVerifier\":\""
            + VERIFIER
            + "\",\"redirectUri\":\"https://evil.example/cb\"}",
        "{\"code\":7,\"codeVerifier\":\"" + VERIFIER + "\",\"redirectUri\":\"" + REDIRECT + "\"}",
        "[]",
        "not json"
      })
  void badExchangeRequestsAreRefusedBeforeReachingQf(String json) throws Exception {
    try (StandInFixture f = fixture(Containers.Kind.JETTY, b -> b)) {
      HttpResponse<String> response =
          new Browser().post(f.url("/auth/qf/exchange"), "application/json", json);
      assertEquals(400, response.statusCode(), response.body());
      JsonNode body = Json.parseOrNull(response.body());
      assertEquals("bad_request", body.get("error").asText());
      assertTrue(body.get("message").asText().length() > 10);
      assertEquals(0, f.qf.tokenCalls());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void exchangeNeedsJson(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind, b -> b)) {
      HttpResponse<String> form =
          new Browser()
              .post(
                  f.url("/auth/qf/exchange"),
                  "application/x-www-form-urlencoded",
                  "code=c&codeVerifier=" + VERIFIER + "&redirectUri=" + REDIRECT);
      assertEquals(400, form.statusCode());
      assertTrue(form.body().contains("application/json"), form.body());
    }
  }

  @Test
  void aFloodFromOneAddressGets429WithRetryAfterAndAHint() throws Exception {
    try (StandInFixture f = fixture(Containers.Kind.JETTY, b -> b.exchangeRatePerMinute(3))) {
      Browser flood = new Browser();
      for (int i = 0; i < 3; i++) {
        String path = i == 2 ? "/auth/qf/exchange/refresh" : "/auth/qf/exchange";
        assertEquals(400, flood.post(f.url(path), "application/json", "{}").statusCode());
      }
      HttpResponse<String> refused =
          flood.post(
              f.url("/auth/qf/exchange"),
              "application/json",
              Json.write(Map.of("code", "c", "codeVerifier", VERIFIER, "redirectUri", REDIRECT)));
      assertEquals(429, refused.statusCode(), refused.body());
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
      JsonNode body = Json.parseOrNull(refused.body());
      assertEquals("rate_limited", body.get("error").asText());
      assertTrue(body.get("hint").asText().contains("QF_EXCHANGE_RATE_PER_MINUTE"), refused.body());
      assertEquals(0, f.qf.tokenCalls(), "nothing reached QF");
      // Browser sign-ins are not counted.
      f.signIn(new Browser());
    }
  }

  @Test
  void junkExchangesStalledAtQfLeaveBrowserSignInsTheirOwnShare() throws Exception {
    try (StandInFixture f =
        fixture(
            Containers.Kind.JETTY,
            b -> b.maxConcurrentTokenCalls(1).exchangeMaxConcurrentCalls(1))) {
      // QF holds the first token call, the junk exchange, for 10 s (then refuses the junk code).
      f.qf.failNextTokenCall(QfTokenFailure.delay(Duration.ofSeconds(10)));
      String junk =
          Json.write(Map.of("code", "junk-1", "codeVerifier", VERIFIER, "redirectUri", REDIRECT));
      CompletableFuture.runAsync(
          () -> new Browser().post(f.url("/auth/qf/exchange"), "application/json", junk));
      awaitTokenCall(f);
      assertEquals("junk-1", f.qf.lastTokenRequest().orElseThrow().parameter("code").get());

      // The exchange endpoint's only slot is taken; a browser sign-in still goes through.
      assertEquals("/private/page", f.signIn(new Browser()));
      assertEquals(2, f.qf.tokenCalls());

      HttpResponse<String> second =
          new Browser()
              .post(
                  f.url("/auth/qf/exchange"), "application/json", junk.replace("junk-1", "junk-2"));
      assertEquals(502, second.statusCode(), second.body());
      assertTrue(second.body().contains("too many calls"), second.body());
      assertEquals(2, f.qf.tokenCalls(), "refused without calling QF");
    }
  }

  /** Waits for QF to have received the first token call (it answers only after a long delay). */
  private static void awaitTokenCall(StandInFixture f) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (f.qf.tokenCalls() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("QF never received the token call");
      }
      Thread.sleep(10); // polling a condition, not timing
    }
  }
}
