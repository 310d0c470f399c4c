package dev.qfauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Captures every log line of a full sign-in, API calls with refresh, failures, exchange and logout,
 * and proves that no secret, code, verifier or token appears in them.
 */
final class LogHygieneTest {

  @Test
  void logsNeverContainSecretsCodesVerifiersOrTokens() throws Exception {
    List<String> secrets = new ArrayList<>();
    String logs;
    TestClock clock = TestClock.atPresent();
    try (LogCapture capture = new LogCapture();
        Fixture f = new Fixture(Containers.Kind.TOMCAT, b -> b.clock(clock))) {
      secrets.add(FakeQf.CLIENT_SECRET);
      secrets.add(TokenEndpoint.form(FakeQf.CLIENT_SECRET));
      secrets.add(
          Base64.getEncoder()
              .encodeToString(
                  (FakeQf.CLIENT_ID + ":" + TokenEndpoint.form(FakeQf.CLIENT_SECRET))
                      .getBytes(StandardCharsets.UTF_8)));

      // A good sign-in with proactive refresh and a 401 retry.
      Browser browser = new Browser();
      Fixture.LoginStart start = f.startLogin(browser, "/");
      String id1 = f.qf.sign(f.qf.claims("alice", start.nonce()).build());
      f.qf.onCodeExchange(
          okJson(
              FakeQf.tokenJson("access-token-ONE", "refresh-token-ONE", id1, 30, Fixture.SCOPE)));
      f.callback(browser, "code=authorization-code-ONE&state=" + start.state());
      clock.advance(java.time.Duration.ofSeconds(20)); // due for a proactive refresh
      String id2 = f.qf.sign(f.qf.claims("alice", null).build());
      f.qf.onRefresh(
          okJson(
              FakeQf.tokenJson("access-token-TWO", "refresh-token-TWO", id2, 3600, Fixture.SCOPE)));
      f.qf.onApi(
          "/auth/v1/collections",
          aResponse()
              .withStatus(401)
              .withBody("{\"message\":\"no\",\"type\":\"unauthorized\",\"success\":false}"));
      browser.get(f.url("/collections"));
      Map<String, String> exchange =
          FakeQf.form(f.qf.tokenRequests("authorization_code").get(0).getBodyAsString());
      secrets.add(exchange.get("code_verifier"));
      secrets.addAll(
          List.of(
              "access-token-ONE",
              "refresh-token-ONE",
              "access-token-TWO",
              "refresh-token-TWO",
              "authorization-code-ONE",
              id1,
              id2,
              id1.split("\\.")[1],
              id2.split("\\.")[2],
              browser.cookie("QF_SESSION")));

      // Failures: provider error, invalid_client, bad nonce, replay.
      Browser other = new Browser();
      Fixture.LoginStart bad = f.startLogin(other, "/");
      f.qf.onCodeExchange(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\"}"));
      f.callback(other, "code=authorization-code-TWO&state=" + bad.state());
      f.callback(other, "code=authorization-code-TWO&state=" + bad.state());
      Fixture.LoginStart nonce = f.startLogin(other, "/");
      String forged = f.qf.sign(f.qf.claims("alice", "wrong").build());
      f.qf.onCodeExchange(
          okJson(
              FakeQf.tokenJson(
                  "access-token-THREE", "refresh-token-THREE", forged, 3600, Fixture.SCOPE)));
      f.callback(other, "code=authorization-code-THREE&state=" + nonce.state());
      f.callback(other, "error=access_denied&state=" + f.startLogin(other, "/").state());
      secrets.addAll(
          List.of(
              "authorization-code-TWO",
              "authorization-code-THREE",
              "access-token-THREE",
              "refresh-token-THREE",
              forged));

      // Back-end exchange and logout with revocation.
      String verifier = "dBjftJeZ4CVP-mJ92IgMwNk-v5Q2qIJfQVD2tBcVWxI";
      f.qf.onCodeExchange(
          okJson(
              FakeQf.tokenJson(
                  "access-token-FOUR", "refresh-token-FOUR", id2, 3600, Fixture.SCOPE)));
      other.post(
          f.url("/auth/qf/exchange"),
          "application/json",
          "{\"code\":\"authorization-code-FOUR\",\"codeVerifier\":\""
              + verifier
              + "\",\"redirectUri\":\"com.example.app:/oauth\"}");
      secrets.addAll(
          List.of("authorization-code-FOUR", verifier, "access-token-FOUR", "refresh-token-FOUR"));
      browser.post(
          f.url("/logout"), "application/x-www-form-urlencoded", "", "Origin", f.app.base());
      logs = capture.text();
    }
    assertTrue(logs.contains("signed in"), "the capture saw the filter's logs:\n" + logs);
    assertTrue(logs.contains("invalid_client"), "failures are logged, safely:\n" + logs);
    for (String secret : secrets) {
      assertFalse(
          logs.contains(secret),
          "a secret leaked into the logs: "
              + secret.substring(0, Math.min(12, secret.length()))
              + "...");
    }
  }

  @Test
  void theEndSessionUrlWithItsIdTokenHintIsNeverLogged() throws Exception {
    String logs;
    String location;
    String idToken;
    try (LogCapture capture = new LogCapture();
        Fixture f =
            new Fixture(
                Containers.Kind.JETTY,
                b -> b.postLogoutRedirectUri(java.net.URI.create("http://127.0.0.1/bye")))) {
      Browser browser = new Browser();
      f.signIn(browser, "alice");
      java.net.http.HttpResponse<String> out =
          browser.post(
              f.url("/logout"), "application/x-www-form-urlencoded", "", "Origin", f.app.base());
      location = Browser.location(out);
      idToken = Browser.query(location).get("id_token_hint");
      logs = capture.text();
    }
    assertTrue(idToken.split("\\.").length == 3, "the browser got the hint: " + location);
    assertTrue(logs.contains("signed out"), "the capture saw the logout:\n" + logs);
    assertFalse(logs.contains("id_token_hint"), logs);
    assertFalse(logs.contains(idToken.split("\\.")[1]), "the hint leaked into the logs");
    assertFalse(logs.contains(idToken.split("\\.")[2]), "the hint leaked into the logs");
  }
}
