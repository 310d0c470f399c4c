package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testkit.QfTokenFailure;
import dev.qfauth.testsupport.Browser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Captures every log line of a full sign-in, API calls with refresh, failures, exchange and logout,
 * and proves that no secret, code, verifier or token appears in them. Against the QF stand-in,
 * whose hostile wrapper lists every secret that crossed it.
 */
final class LogHygieneTest {
  @RegisterExtension static final QfStandInExtension QF = new QfStandInExtension();

  @Test
  void logsNeverContainSecretsCodesVerifiersOrTokens() throws Exception {
    Set<String> secrets = new HashSet<>();
    String logs;
    try (LogCapture capture = new LogCapture();
        StandInFixture f = StandInFixture.onClock(Containers.Kind.TOMCAT);
        QfHostileProvider hostile = QfHostileProvider.on(f.qf)) {
      secrets.add(StandInFixture.CLIENT_SECRET);
      secrets.add(TokenEndpoint.form(StandInFixture.CLIENT_SECRET));
      secrets.add(
          Base64.getEncoder()
              .encodeToString(
                  (StandInFixture.CLIENT_ID
                          + ":"
                          + TokenEndpoint.form(StandInFixture.CLIENT_SECRET))
                      .getBytes(StandardCharsets.UTF_8)));

      // A good sign-in with proactive refresh and a 401 retry.
      Browser browser = f.signedInDueForRefresh(); // proactive
      browser.get(f.url("/whoami"));
      f.qf.expireAccessTokens("alice"); // the User API answers 401: refresh and retry
      browser.get(f.url("/collections"));
      assertEquals(2, f.qf.tokenCalls("refresh_token"), "proactive and after the 401");
      secrets.add(browser.cookie("QF_SESSION"));

      // Failures: provider error, invalid_client and its replay, bad nonce, denial.
      Browser other = new Browser();
      f.qf.failNextTokenCall(QfTokenFailure.oauthError("invalid_client", 401));
      String refused = f.authorize(other, f.startLogin(other, "/"), StandInFixture.ALICE);
      other.get(refused);
      other.get(refused);
      hostile.inject(QfDefect.ID_TOKEN_NONCE_WRONG);
      f.finish(other, f.startLogin(other, "/"), StandInFixture.ALICE);
      hostile.clear();
      f.qf.denyNextLogin();
      other.get(Browser.location(other.get(f.startLogin(other, "/").authUrl())));

      // Back-end exchange and logout with revocation.
      String verifier = "dBjftJeZ4CVP-mJ92IgMwNk-v5Q2qIJfQVD2tBcVWxI";
      other.post(
          f.url("/auth/qf/exchange"),
          "application/json",
          "{\"code\":\""
              + f.appCode(verifier, "app-nonce-123")
              + "\",\"codeVerifier\":\""
              + verifier
              + "\",\"redirectUri\":\"com.example.app:/oauth\"}");
      browser.postForm(f.url("/logout"), "", "Origin", f.app.base());
      assertEquals(1, f.qf.revocationCalls());
      logs = capture.text();
      // Every code, verifier, token and client credential that crossed QF, both ways, and the
      // payload and signature of each JWT on their own.
      for (String secret : hostile.secretsSeen()) {
        secrets.add(secret);
        String[] parts = secret.split("\\.");
        if (parts.length == 3) {
          secrets.add(parts[1]);
          secrets.add(parts[2]);
        }
      }
    }
    assertTrue(secrets.size() > 20, "the capture saw the sign-ins: " + secrets.size());
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
        StandInFixture f =
            new StandInFixture(
                QF.standIn(),
                Containers.Kind.JETTY,
                b -> b.postLogoutRedirectUri(java.net.URI.create("http://127.0.0.1/bye")))) {
      Browser browser = f.signedIn();
      java.net.http.HttpResponse<String> out =
          browser.postForm(f.url("/logout"), "", "Origin", f.app.base());
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
