package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class TokenFailureTest {
  static final String CALLBACK = "http://localhost:8080/callback";

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.confidentialClient("web-app", "s3cret", CALLBACK).seedDemoData());

  private final FlowDriver web = new FlowDriver(QF.standIn(), "web-app", CALLBACK);

  @Test
  void failNextTokenCall_oauthError_answeredOnceAndCodeKept() {
    FlowDriver.Approved approved = web.approve("alice", "openid");
    QF.standIn().failNextTokenCall(QfTokenFailure.oauthError("invalid_grant", 400));

    HttpResponse<String> failed = web.exchange(approved, "s3cret");

    assertEquals(400, failed.statusCode());
    assertEquals("invalid_grant", FlowDriver.json(failed).get("error").asText());
    assertEquals(
        200,
        web.exchange(approved, "s3cret").statusCode(),
        "the failure was one-shot and consumed nothing");
    assertEquals(2, QF.standIn().tokenCalls("authorization_code"));
  }

  @Test
  void failNextTokenCall_httpStatus_htmlBody() {
    JsonNode tokens = web.login("alice", "openid offline_access", "s3cret");
    QF.standIn().failNextTokenCall(QfTokenFailure.httpStatus(503));

    HttpResponse<String> failed = web.refresh(tokens.get("refresh_token").asText(), "s3cret");

    assertEquals(503, failed.statusCode());
    assertTrue(failed.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertEquals(
        200,
        web.refresh(tokens.get("refresh_token").asText(), "s3cret").statusCode(),
        "not rotated");
  }

  @Test
  void failNextTokenCall_malformedJson_unparseableBody() {
    QF.standIn().failNextTokenCall(QfTokenFailure.malformedJson());
    HttpResponse<String> response = web.exchange(web.approve("alice", "openid"), "s3cret");
    assertEquals(200, response.statusCode());
    assertThrows(UncheckedIOException.class, () -> FlowDriver.json(response));
  }

  @Test
  void failNextTokenCall_delay_answersAfterDelay() {
    JsonNode tokens = web.login("alice", "openid offline_access", "s3cret");
    QF.standIn().failNextTokenCall(QfTokenFailure.delay(Duration.ofMillis(400)));
    long start = System.nanoTime();

    HttpResponse<String> response = web.refresh(tokens.get("refresh_token").asText(), "s3cret");

    assertEquals(200, response.statusCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400);
  }

  @Test
  void close_delayedTokenCallInFlight_letGoAndClosed() throws Exception {
    QfStandIn own = QfStandIn.start();
    own.confidentialClient("web-app", "s3cret", CALLBACK);
    own.failNextTokenCall(QfTokenFailure.delay(Duration.ofMinutes(1)));
    var call =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> new FlowDriver(own, "web-app", CALLBACK).refresh("x", "s3cret"));
    while (own.tokenCalls() == 0) {
      Thread.sleep(10); // polling a condition, not timing
    }

    own.close(); // used to wait for the held call, then throw "unable to shutdown server"

    // The held call ends now, not after its minute: with a 503, or with the connection closed when
    // the shutdown gets there first.
    try {
      assertEquals(503, call.get(30, TimeUnit.SECONDS).statusCode());
    } catch (ExecutionException closed) {
      assertTrue(closed.getCause() instanceof UncheckedIOException, closed.toString());
    }
  }

  @Test
  void failNextTokenCall_lostResponse_tokenRotatedSoRetryLosesChain() {
    JsonNode tokens = web.login("alice", "openid offline_access", "s3cret");
    QF.standIn().failNextTokenCall(QfTokenFailure.lostResponse());

    assertEquals(504, web.refresh(tokens.get("refresh_token").asText(), "s3cret").statusCode());
    HttpResponse<String> retry = web.refresh(tokens.get("refresh_token").asText(), "s3cret");

    assertEquals(400, retry.statusCode());
    assertTrue(
        FlowDriver.json(retry)
            .get("error_description")
            .asText()
            .endsWith("The refresh token was already used."));
  }

  @Test
  void failNextTokenCall_queuedTwice_failsTwoCalls() {
    QF.standIn()
        .failNextTokenCall(QfTokenFailure.httpStatus(502))
        .failNextTokenCall(QfTokenFailure.oauthError("invalid_client", 401));
    assertEquals(502, web.refresh("x", "s3cret").statusCode());
    assertEquals(401, web.refresh("x", "s3cret").statusCode());
    assertEquals(400, web.refresh("x", "s3cret").statusCode());
  }

  @Test
  void failTokenCallsUntilEnded_everyGrant_failsUntilEnded() {
    JsonNode tokens = web.login("alice", "openid offline_access", "s3cret");
    String refreshToken = tokens.get("refresh_token").asText();
    QF.standIn().failTokenCallsUntilEnded(QfTokenFailure.httpStatus(503));

    for (int i = 0; i < 3; i++) {
      assertEquals(503, web.refresh(refreshToken, "s3cret").statusCode());
    }
    assertEquals(503, web.exchange(web.approve("alice", "openid"), "s3cret").statusCode());
    QF.standIn().endTokenOutage();

    assertEquals(200, web.refresh(refreshToken, "s3cret").statusCode(), "nothing was rotated");
    assertEquals(4, QF.standIn().tokenCalls("refresh_token"));
  }

  @Test
  void failTokenCallsUntilEnded_queuedFailureFirst_thenOutage() {
    QF.standIn()
        .failTokenCallsUntilEnded(QfTokenFailure.httpStatus(503))
        .failNextTokenCall(QfTokenFailure.oauthError("invalid_client", 401));
    assertEquals(401, web.refresh("x", "s3cret").statusCode());
    assertEquals(503, web.refresh("x", "s3cret").statusCode());
    QF.standIn().reset();
    assertEquals(400, web.refresh("x", "s3cret").statusCode(), "reset ends the outage");
  }

  @Test
  void reset_queuedFailure_discarded() {
    QF.standIn().failNextTokenCall(QfTokenFailure.httpStatus(500));
    QF.standIn().reset();
    assertEquals(400, web.refresh("x", "s3cret").statusCode());
    assertEquals(1, QF.standIn().tokenCalls("refresh_token"));
  }

  @Test
  void tokenFailure_badArguments_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> QfTokenFailure.oauthError("invalid_grant", 200));
    assertThrows(IllegalArgumentException.class, () -> QfTokenFailure.httpStatus(700));
    assertThrows(
        IllegalArgumentException.class, () -> QfTokenFailure.delay(Duration.ofSeconds(-1)));
  }
}
