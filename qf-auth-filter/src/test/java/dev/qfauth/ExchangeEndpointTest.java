package dev.qfauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guide's back-end exchange for native and SPA apps, and its companion refresh endpoint. */
final class ExchangeEndpointTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mJ92IgMwNk-v5Q2qIJfQVD2tBcVWxI";
  private static final String REDIRECT = "com.example.app:/oauth";

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void appExchangesCodeAndRefreshesThroughTheBackend(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
      f.qf.onCodeExchange(
          okJson(
              FakeQf.tokenJson(
                  "at-1",
                  "rt-1",
                  f.qf.sign(f.qf.claims("alice", "app-nonce-123").build()),
                  3600,
                  Fixture.SCOPE)));
      Browser app = new Browser();
      HttpResponse<String> response =
          app.post(
              f.url("/auth/qf/exchange"),
              "application/json",
              Json.write(
                  Map.of(
                      "code",
                      "app-code",
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
      assertEquals("at-1", body.get("accessToken").asText());
      assertEquals("alice", body.path("user").path("sub").asText());
      assertEquals(43, body.get("sessionHandle").asText().length());
      assertFalse(response.body().contains("rt-1"), "the refresh token stays on the server");
      Map<String, String> form =
          FakeQf.form(f.qf.tokenRequests("authorization_code").get(0).getBodyAsString());
      assertEquals(VERIFIER, form.get("code_verifier"));
      assertEquals(REDIRECT, form.get("redirect_uri"));

      f.qf.onRefresh(okJson(FakeQf.tokenJson("at-2", "rt-2", null, 3600, Fixture.SCOPE)));
      HttpResponse<String> refreshed =
          app.post(
              f.url("/auth/qf/exchange/refresh"),
              "application/json",
              Json.write(Map.of("sessionHandle", body.get("sessionHandle").asText())));
      assertEquals(200, refreshed.statusCode(), refreshed.body());
      assertEquals("at-2", Json.parseOrNull(refreshed.body()).get("accessToken").asText());
      assertEquals(
          "rt-1",
          FakeQf.form(f.qf.tokenRequests("refresh_token").get(0).getBodyAsString())
              .get("refresh_token"));

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
    try (Fixture f = new Fixture(Containers.Kind.JETTY)) {
      HttpResponse<String> response =
          new Browser().post(f.url("/auth/qf/exchange"), "application/json", json);
      assertEquals(400, response.statusCode(), response.body());
      JsonNode body = Json.parseOrNull(response.body());
      assertEquals("bad_request", body.get("error").asText());
      assertTrue(body.get("message").asText().length() > 10);
      assertEquals(0, f.qf.tokenRequests("authorization_code").size());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void exchangeNeedsJson(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
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
    try (Fixture f = new Fixture(Containers.Kind.JETTY, b -> b.exchangeRatePerMinute(3))) {
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
      assertEquals(0, f.qf.tokenRequests("authorization_code").size(), "nothing reached QF");
      // Browser sign-ins are not counted.
      f.signIn(new Browser(), "alice");
    }
  }

  @Test
  void junkExchangesStalledAtQfLeaveBrowserSignInsTheirOwnShare() throws Exception {
    try (Fixture f =
        new Fixture(
            Containers.Kind.JETTY,
            b -> b.maxConcurrentTokenCalls(1).exchangeMaxConcurrentCalls(1))) {
      f.qf.with(
          s ->
              s.stubFor(
                  post(urlEqualTo("/oauth2/token"))
                      .withRequestBody(containing("code=junk"))
                      .willReturn(
                          aResponse()
                              .withStatus(400)
                              .withBody("{\"error\":\"invalid_grant\"}")
                              .withFixedDelay(10_000))));
      String junk =
          Json.write(Map.of("code", "junk-1", "codeVerifier", VERIFIER, "redirectUri", REDIRECT));
      CompletableFuture.runAsync(
          () -> new Browser().post(f.url("/auth/qf/exchange"), "application/json", junk));
      awaitTokenRequest(f, "code=junk-1");

      // The exchange endpoint's only slot is taken; a browser sign-in still goes through.
      assertEquals("/private/page", f.signIn(new Browser(), "alice"));

      HttpResponse<String> second =
          new Browser()
              .post(
                  f.url("/auth/qf/exchange"), "application/json", junk.replace("junk-1", "junk-2"));
      assertEquals(502, second.statusCode(), second.body());
      assertTrue(second.body().contains("too many calls"), second.body());
      assertEquals(0, tokenRequests(f, "code=junk-2"), "refused without calling QF");
    }
  }

  private static int tokenRequests(Fixture f, String containing) {
    int[] count = new int[1];
    f.qf.with(
        s ->
            count[0] =
                s.findAll(
                        postRequestedFor(urlEqualTo("/oauth2/token"))
                            .withRequestBody(containing(containing)))
                    .size());
    return count[0];
  }

  /** Waits for QF to have received the request (it answers only after a long delay). */
  private static void awaitTokenRequest(Fixture f, String containing) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (tokenRequests(f, containing) == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("QF never received " + containing);
      }
      Thread.sleep(10); // polling a condition, not timing
    }
  }
}
