package dev.qfauth;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testsupport.Browser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Logout: same-origin POST only (a POST naming no origin is refused too), server-side tokens gone,
 * refresh token revoked, optional end-session. Against the QF stand-in, but for the tests that
 * check the exact revocation request on WireMock.
 */
final class LogoutTest {
  @RegisterExtension static final QfStandInExtension QF = new QfStandInExtension();

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void logoutClearsTheSessionAndRevokesTheRefreshToken(Containers.Kind kind) throws Exception {
    try (Fixture f = new Fixture(kind)) {
      Browser browser = new Browser();
      f.signIn(browser, "alice");

      HttpResponse<String> confirm = browser.get(f.url("/logout"));
      assertEquals(200, confirm.statusCode());
      assertTrue(
          confirm.body().contains("<form method=\"post\""),
          "a GET only offers a button: " + confirm.body());
      assertTrue(
          browser.get(f.url("/whoami")).body().contains("sub=alice"), "GET did not sign out");

      HttpResponse<String> forged =
          browser.postForm(f.url("/logout"), "", "Origin", "https://evil.example");
      assertEquals(403, forged.statusCode());
      HttpResponse<String> forgedFetch =
          browser.postForm(f.url("/logout"), "", "Sec-Fetch-Site", "cross-site");
      assertEquals(403, forgedFetch.statusCode());
      assertTrue(
          browser.get(f.url("/whoami")).body().contains("sub=alice"),
          "cross-site POST did not sign out");

      HttpResponse<String> out =
          browser.postForm(
              f.url("/logout"), "", "Origin", f.app.base(), "Sec-Fetch-Site", "same-origin");
      assertEquals(303, out.statusCode());
      assertEquals("/", Browser.location(out));
      assertNull(browser.cookie("QF_SESSION"));
      assertEquals("anonymous", browser.get(f.url("/whoami")).body());
      f.qf.with(
          s ->
              s.verify(
                  1,
                  postRequestedFor(urlEqualTo("/oauth2/revoke"))
                      .withRequestBody(equalTo("token=rt-1-alice&token_type_hint=refresh_token"))));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void logoutCanEndTheProviderSessionWithAnIdTokenHint(Containers.Kind kind) throws Exception {
    URI after = URI.create("http://127.0.0.1/signed-out");
    try (StandInFixture f =
        new StandInFixture(QF.standIn(), kind, b -> b.postLogoutRedirectUri(after))) {
      Browser browser = f.signedIn();
      // The session keeps the ID token for the hint and reads its claims back from it.
      String whoami = browser.get(f.url("/whoami")).body();
      assertTrue(whoami.contains("name=User alice"), whoami);
      HttpResponse<String> out = browser.postForm(f.url("/logout"), "", "Origin", f.app.base());
      assertEquals(303, out.statusCode());
      String location = Browser.location(out);
      assertTrue(location.startsWith(f.qf.authBaseUrl() + "/oauth2/sessions/logout?"), location);
      Map<String, String> q = Browser.query(location);
      assertEquals(after.toString(), q.get("post_logout_redirect_uri"));
      assertEquals(
          3, q.get("id_token_hint").split("\\.").length, "Hydra requires the ID token as hint");
      assertEquals(43, q.get("state").length());
      // QF's own session ends there, so the next sign-in needs no prompt=login (item 9).
      assertNull(browser.cookie("QF_SIGNED_OUT"));
      assertNull(f.startLogin(browser, "/").params().get("prompt"));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void aSignOutThatKeepsTheQfSessionMakesTheNextSignInAskForTheCredentials(Containers.Kind kind)
      throws Exception {
    try (StandInFixture f = new StandInFixture(QF.standIn(), kind)) {
      Browser browser = f.signedIn();
      assertNull(f.startLogin(browser, "/").params().get("prompt"), "no sign-out yet");

      HttpResponse<String> out = browser.postForm(f.url("/logout"), "", "Origin", f.app.base());
      assertEquals(303, out.statusCode());
      String marker =
          out.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("QF_SIGNED_OUT="))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no marker: " + out.headers().map()));
      assertTrue(marker.contains("HttpOnly") && marker.contains("SameSite=Lax"), marker);
      assertTrue(marker.contains("Max-Age=" + (720 * 3600)), marker);
      assertEquals(43, browser.cookie("QF_SIGNED_OUT").length(), "opaque, no personal data");

      // Every sign-in started before the marker is used up asks QF for the credentials again.
      assertEquals("login", f.startLogin(browser, "/").params().get("prompt"));
      f.signIn(browser, StandInFixture.BILAL);
      assertNull(browser.cookie("QF_SIGNED_OUT"), "cleared by the sign-in it asked for");
      assertTrue(browser.get(f.url("/whoami")).body().contains("sub=bilal"));
      assertNull(f.startLogin(browser, "/").params().get("prompt"));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void aSignOutWithATossedSessionCookieStillEndsTheBrowsersOwnSession(Containers.Kind kind)
      throws Exception {
    try (StandInFixture f = new StandInFixture(QF.standIn(), kind)) {
      Browser victim = f.signedIn();
      Browser attacker = new Browser();
      f.signIn(attacker, StandInFixture.MALLORY);
      String own = victim.cookie("QF_SESSION");
      String planted = attacker.cookie("QF_SESSION");

      HttpResponse<String> out =
          new Browser()
              .postForm(
                  f.url("/logout"),
                  "",
                  "Origin",
                  f.app.base(),
                  "Cookie",
                  "QF_SESSION=" + planted + "; QF_SESSION=" + own);

      assertEquals(303, out.statusCode());
      assertEquals(
          "anonymous", victim.get(f.url("/whoami")).body(), "the user's own session ended");
      assertEquals("anonymous", attacker.get(f.url("/whoami")).body());
      assertTrue(
          out.headers().allValues("Set-Cookie").stream()
              .anyMatch(c -> c.startsWith("QF_SIGNED_OUT=")),
          "the next sign-in asks QF for the credentials: " + out.headers().map());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void promptLoginAfterLogoutCanBeTurnedOff(Containers.Kind kind) throws Exception {
    try (StandInFixture f =
        new StandInFixture(QF.standIn(), kind, b -> b.promptLoginAfterLogout(false))) {
      Browser browser = f.signedIn();
      browser.postForm(f.url("/logout"), "", "Origin", f.app.base());
      assertNull(browser.cookie("QF_SIGNED_OUT"));
      assertNull(f.startLogin(browser, "/").params().get("prompt"));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void logoutAcceptsItsOwnOriginWhenTheRedirectUriSpellsOutTheDefaultPort(Containers.Kind kind)
      throws Exception {
    URI redirect = URI.create("https://App.Example:443/callback");
    try (StandInFixture f = new StandInFixture(QF.standIn(), kind, b -> b.redirectUri(redirect))) {
      Browser browser = f.signedIn();
      // What a browser sends (RFC 6454 6.2): lower case, no default port.
      HttpResponse<String> out =
          browser.postForm(
              f.url("/logout"),
              "",
              "Origin",
              "https://app.example",
              "Sec-Fetch-Site",
              "same-origin");
      assertEquals(303, out.statusCode(), out.body());
      assertEquals("anonymous", browser.get(f.url("/whoami")).body());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void logoutNamingNoOriginIsRefusedAndARefererFromTheAppsOwnPageIsEnough(Containers.Kind kind)
      throws Exception {
    try (Fixture f = new Fixture(kind)) {
      Browser browser = new Browser();
      f.signIn(browser, "alice");

      // A browser without fetch metadata that leaves Origin off a form POST, on a page of another
      // site with referrerpolicy="no-referrer"; or a script that names no origin.
      HttpResponse<String> unnamed = browser.postForm(f.url("/logout"), "");
      assertEquals(403, unnamed.statusCode());
      assertTrue(unnamed.body().contains("forbidden_origin"), unnamed.body());
      assertTrue(unnamed.body().contains("named no origin"), unnamed.body());
      HttpResponse<String> foreign =
          browser.postForm(f.url("/logout"), "", "Referer", "https://evil.example/page");
      assertEquals(403, foreign.statusCode());
      HttpResponse<String> refererOnlyWhenOriginIsMissing =
          browser.postForm(
              f.url("/logout"),
              "",
              "Origin",
              "https://evil.example",
              "Referer",
              f.app.base() + "/account");
      assertEquals(403, refererOnlyWhenOriginIsMissing.statusCode());
      assertTrue(browser.get(f.url("/whoami")).body().contains("sub=alice"), "still signed in");
      f.qf.with(s -> s.verify(0, postRequestedFor(urlEqualTo("/oauth2/revoke"))));

      // The same old browser on the app's own page sends that page as the Referer.
      HttpResponse<String> out =
          browser.postForm(f.url("/logout"), "", "Referer", f.app.base() + "/account?tab=1");
      assertEquals(303, out.statusCode(), out.body());
      assertEquals("anonymous", browser.get(f.url("/whoami")).body());
    }
  }
}
