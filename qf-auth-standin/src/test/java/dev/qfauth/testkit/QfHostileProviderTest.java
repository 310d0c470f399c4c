package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile provider's own contract, seen from a client; the relying party's side of every defect
 * runs in qf-auth-hostile-it against qf-auth.
 */
final class QfHostileProviderTest {
  private static final String CLIENT = "hostile-client";
  private static final String SECRET = "s3cr+t%:/hostile-test";
  private static final String REDIRECT = "http://127.0.0.1:9/cb";
  private static final String SCOPE = "openid offline_access";

  private static QfStandIn qf;
  private QfHostileProvider hostile;
  private FlowDriver driver;

  @BeforeAll
  static void startStandIn() {
    qf = QfStandIn.start().confidentialClient(CLIENT, SECRET, REDIRECT).seedDemoData();
  }

  @AfterAll
  static void stopStandIn() {
    qf.close();
  }

  @BeforeEach
  void install() {
    qf.reset();
    hostile = QfHostileProvider.on(qf);
    driver = new FlowDriver(qf, CLIENT, REDIRECT);
  }

  @AfterEach
  void uninstall() {
    hostile.close();
  }

  @Test
  void inject_oneDefect_onlyThatIsSpoiltUntilCleared() {
    FlowDriver.Attempt attempt = FlowDriver.Attempt.fresh();
    hostile.inject(QfDefect.ID_TOKEN_NONCE_WRONG);
    qf.autoLogin("alice");
    JsonNode spoilt =
        FlowDriver.json(driver.exchange(driver.code(attempt, SCOPE), attempt, SECRET));
    assertNotEquals(attempt.nonce(), claims(spoilt).path("nonce").asText());
    assertEquals("bearer", spoilt.path("token_type").asText(), "everything else is valid");

    hostile.clear();
    FlowDriver.Approved honest = driver.approve("alice", SCOPE);
    JsonNode genuine = FlowDriver.json(driver.exchange(honest, SECRET));
    assertEquals(honest.attempt().nonce(), claims(genuine).path("nonce").asText());
    assertEquals(2, hostile.tokenCalls());
  }

  @Test
  void secretsSeen_afterASignIn_holdsSecretCodeVerifierAndTokens() {
    FlowDriver.Approved approved = driver.approve("alice", SCOPE);
    JsonNode tokens = FlowDriver.json(driver.exchange(approved, SECRET));
    assertTrue(
        hostile
            .secretsSeen()
            .containsAll(
                java.util.List.of(
                    SECRET,
                    approved.code(),
                    approved.attempt().verifier(),
                    tokens.path("access_token").asText(),
                    tokens.path("refresh_token").asText(),
                    tokens.path("id_token").asText())));
  }

  @Test
  void close_uninstalls_theStandInIsHonestAgain() {
    String withHostileKey = FlowDriver.get(qf.jwksUrl()).body();
    assertTrue(withHostileKey.contains(HostileKeys.GOOD_KID));
    hostile.inject(QfDefect.KEYS_JWKS_DOWN);
    hostile.close();
    HttpResponse<String> jwks = FlowDriver.get(qf.jwksUrl());
    assertEquals(200, jwks.statusCode());
    assertFalse(jwks.body().contains(HostileKeys.GOOD_KID));
  }

  @Test
  void clear_stalledTokenCall_releasedAtOnce() throws Exception {
    hostile.stallFor(Duration.ofSeconds(20)).inject(QfDefect.TOKEN_STALLED);
    CompletableFuture<HttpResponse<String>> call =
        CompletableFuture.supplyAsync(() -> driver.refresh("ory_rt_" + "x".repeat(43), SECRET));
    long waited = 0;
    while (hostile.stalledConnections() == 0 && waited++ < 500) {
      Thread.sleep(10);
    }
    assertEquals(1, hostile.stalledConnections());
    hostile.clear();
    assertEquals(504, call.get(2, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void attackerCalls_requestsUnderTheOtherHostName_counted() {
    URI attacker =
        URI.create("http://127.0.0.1:" + qf.port() + "/attacker/jwks.json"); // qf is localhost
    HttpResponse<String> keys = FlowDriver.get(attacker);
    assertEquals(200, keys.statusCode());
    assertTrue(keys.body().contains(HostileKeys.ATTACKER_KID));
    assertEquals(1, hostile.attackerCalls());
  }

  @Test
  void stallFor_notPositive_rejected() {
    assertThrows(IllegalArgumentException.class, () -> hostile.stallFor(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> hostile.stallFor(Duration.ofSeconds(-1)));
  }

  @Test
  void of_everyFamily_hasDefectsAndEveryDefectAStandard() {
    for (QfDefect.Family family : QfDefect.Family.values()) {
      assertFalse(QfDefect.of(family).isEmpty(), family.toString());
    }
    for (QfDefect defect : QfDefect.values()) {
      assertFalse(defect.standard().isBlank(), defect.toString());
      assertTrue(defect.description().endsWith("."), defect.toString());
    }
  }

  @Test
  void family_nameWithAnotherFamilysWordInside_theFamilyOfItsPrefix() {
    assertEquals(QfDefect.Family.ID_TOKEN, QfDefect.ID_TOKEN_MISSING.family());
    assertEquals(QfDefect.Family.TOKEN_ENDPOINT, QfDefect.TOKEN_ID_TOKEN_NOT_A_STRING.family());
    assertEquals(QfDefect.Family.TOKEN_ENDPOINT, QfDefect.TOKEN_ACCESS_TOKEN_MISSING.family());
    assertEquals(QfDefect.Family.USER_API, QfDefect.API_ERROR_ECHOES_TOKEN.family());
    assertEquals(QfDefect.Family.KEYS, QfDefect.KEYS_JWKS_REDIRECTED.family());
    assertEquals(QfDefect.Family.DISCOVERY, QfDefect.DISCOVERY_TOKEN_ENDPOINT_MISSING.family());
  }

  private static JsonNode claims(JsonNode tokenResponse) {
    String[] parts = tokenResponse.path("id_token").asText().split("\\.");
    try {
      return FlowDriver.JSON.readTree(Base64URL.from(parts[1]).decodeToString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
