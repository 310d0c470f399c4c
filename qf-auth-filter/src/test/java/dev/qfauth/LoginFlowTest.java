package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfDefect;
import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testkit.QfRecordedRequest;
import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testkit.QfTokenFailure;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The browser sign-in, end to end on embedded Jetty 12 and Tomcat, against the QF stand-in: real
 * codes, PKCE and signed ID tokens.
 */
final class LoginFlowTest {
  @RegisterExtension static final QfStandInExtension QF = new QfStandInExtension();

  private static StandInFixture fixture(Containers.Kind kind) throws Exception {
    return new StandInFixture(QF.standIn(), kind);
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void loginRoundTripExposesCurrentUser(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      Fixture.LoginStart start = f.startLogin(browser, "/private/page?x=1");

      // Step 2 of the guide: every required parameter, PKCE S256.
      assertTrue(start.authUrl().startsWith(f.qf.authBaseUrl() + "/oauth2/auth?"), start.authUrl());
      Map<String, String> p = start.params();
      assertEquals("code", p.get("response_type"));
      assertEquals(StandInFixture.CLIENT_ID, p.get("client_id"));
      assertEquals(f.url("/callback"), p.get("redirect_uri"));
      assertEquals("openid offline_access user collection", p.get("scope"));
      assertEquals("S256", p.get("code_challenge_method"));
      assertEquals(43, p.get("state").length());
      assertEquals(43, p.get("nonce").length());
      assertTrue(start.authUrl().contains("scope=openid%20offline_access%20user%20collection"));

      String authorizationResponse = f.authorize(browser, start, StandInFixture.ALICE);
      String code = Browser.query(authorizationResponse).get("code");
      HttpResponse<String> done = browser.get(authorizationResponse);
      assertEquals(302, done.statusCode(), done.body());
      assertEquals("/private/page?x=1", Browser.location(done));
      assertEquals("no-store", done.headers().firstValue("Cache-Control").orElse(null));
      List<String> setCookies = done.headers().allValues("Set-Cookie");
      String session =
          setCookies.stream().filter(c -> c.startsWith("QF_SESSION=")).findFirst().orElseThrow();
      assertTrue(session.contains("HttpOnly") && session.contains("SameSite=Lax"), session);
      assertFalse(session.contains("Secure"), "plain http app: no Secure flag");

      // Step 3: server-side exchange, confidential client with HTTP Basic (RFC 6749 2.3.1).
      assertEquals(1, f.qf.tokenCalls("authorization_code"));
      QfRecordedRequest exchange = f.qf.lastTokenRequest().orElseThrow();
      String basic =
          new String(
              Base64.getDecoder()
                  .decode(exchange.header("Authorization").orElseThrow().substring(6)),
              StandardCharsets.UTF_8);
      assertEquals("test-client:s3cr%2Bt%25%3A%2Fvalue", basic);
      Map<String, String> form = exchange.parameters();
      assertEquals(code, form.get("code"));
      assertEquals(f.url("/callback"), form.get("redirect_uri"));
      assertFalse(
          form.containsKey("client_id"), "confidential client sends no client_id in the body");
      assertEquals(p.get("code_challenge"), Randoms.codeChallenge(form.get("code_verifier")));

      String whoami = browser.get(f.url("/whoami")).body();
      assertTrue(whoami.contains("sub=alice"), whoami);
      assertTrue(whoami.contains("principal=alice"), whoami);
      assertTrue(whoami.contains("remoteUser=alice"), whoami);
      assertTrue(whoami.contains("scopes=[collection, offline_access, openid, user]"), whoami);
      assertTrue(whoami.contains("name=User alice"), whoami);
      assertTrue(whoami.contains("threadBound=true"), whoami);
      assertTrue(whoami.contains("env=prelive"), whoami);
      assertEquals(200, browser.get(f.url("/private/page")).statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void theSessionCookieIsReadFromTheRawCookieHeaders(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser signedIn = f.signedIn();
      String handle = signedIn.cookie("QF_SESSION");
      String whoami = f.url("/whoami");

      // Among other cookies, in one header or split over several (as HTTP/2 clients send them).
      assertTrue(
          new Browser()
              .get(whoami, "Cookie", "theme=dark; QF_SESSION=" + handle + "; lang=ar")
              .body()
              .contains("sub=alice"));
      assertTrue(
          new Browser()
              .get(whoami, "Cookie", "theme=dark", "Cookie", "QF_SESSION=" + handle)
              .body()
              .contains("sub=alice"));
      // Not our cookie: another name ending in ours, ours inside another's value, a quoted value.
      for (String header :
          List.of(
              "xQF_SESSION=" + handle,
              "other=QF_SESSION=" + handle,
              "QF_SESSION=\"" + handle + "\"")) {
        HttpResponse<String> page = new Browser().get(f.url("/private/page"), "Cookie", header);
        assertEquals(302, page.statusCode(), header);
      }
    }
  }

  /**
   * Cookie tossing (RFC 6265bis 8.6): a sibling subdomain or a path-scoped cookie plants a second
   * QF_SESSION. Whichever comes first, the request authenticates nobody, gets the
   * login_state_invalid page, and both of our cookies are cleared.
   */
  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void aSecondSessionCookieAuthenticatesNobodyAndClearsBoth(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser signedIn = f.signedIn();
      String handle = signedIn.cookie("QF_SESSION");
      String planted = "P".repeat(43); // a well-formed handle of the attacker's own session
      for (String header :
          List.of(
              "QF_SESSION=" + planted + "; QF_SESSION=" + handle,
              "QF_SESSION=" + handle + "; QF_SESSION=" + planted,
              "QF_SESSION=" + handle + "; QF_SESSION=" + handle)) {
        for (String path : List.of("/private/page", "/whoami")) {
          HttpResponse<String> page = new Browser().get(f.url(path), "Cookie", header);
          assertEquals(400, page.statusCode(), path + " " + header);
          assertTrue(page.body().contains("login_state_invalid"), page.body());
          assertFalse(page.body().contains("sub=alice"), page.body());
          List<String> cleared = page.headers().allValues("Set-Cookie");
          assertTrue(
              cleared.stream().anyMatch(c -> c.matches("QF_SESSION=;.*Max-Age=0.*")), "" + cleared);
          assertTrue(
              cleared.stream().anyMatch(c -> c.matches("QF_LOGIN=;.*Max-Age=0.*")), "" + cleared);
        }
      }
      assertTrue(
          signedIn.get(f.url("/whoami")).body().contains("sub=alice"),
          "the browser's own requests still work");
    }
  }

  /**
   * Login CSRF by cookie tossing: the attacker plants its own QF_LOGIN binding beside the victim's,
   * then sends the victim its own authorization response. The callback completes nothing.
   */
  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void aSecondLoginCookieCompletesNoSignIn(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser attacker = new Browser();
      Fixture.LoginStart attack = f.startLogin(attacker, "/");
      // The attacker's own authorization response: a genuine code for mallory.
      String mallorys = f.authorize(attacker, attack, StandInFixture.MALLORY);
      Browser victim = new Browser();
      f.startLogin(victim, "/");
      HttpResponse<String> callback =
          victim.get(mallorys, "Cookie", "QF_LOGIN=" + attacker.cookie("QF_LOGIN"));
      assertEquals(400, callback.statusCode(), callback.body());
      assertTrue(callback.body().contains("login_state_invalid"), callback.body());
      assertNull(victim.cookie("QF_SESSION"));
      assertNull(victim.cookie("QF_LOGIN"), "the binding is cleared");
      assertFalse(victim.get(f.url("/whoami")).body().contains("sub="));
      assertEquals(0, f.qf.tokenCalls("authorization_code"), "no code exchange");
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void replayedCallbackNeverRedeemsTheCodeTwice(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      Fixture.LoginStart start = f.startLogin(browser, "/");
      String callback = f.authorize(browser, start, StandInFixture.ALICE);
      assertEquals(302, browser.get(callback).statusCode());
      HttpResponse<String> replay = browser.get(callback);
      assertEquals(400, replay.statusCode());
      assertTrue(replay.body().contains("login_state_invalid"), replay.body());
      assertEquals(1, f.qf.tokenCalls("authorization_code"), "the code went to QF once");
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void parallelTabsBothComplete(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      Fixture.LoginStart first = f.startLogin(browser, "/first");
      Fixture.LoginStart second = f.startLogin(browser, "/second");
      assertEquals("/second", Browser.location(f.finish(browser, second, StandInFixture.ALICE)));
      assertEquals("/first", Browser.location(f.finish(browser, first, StandInFixture.ALICE)));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void badCallbacksAreRefusedWithoutTouchingTheTokenEndpoint(Containers.Kind kind)
      throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      Fixture.LoginStart start = f.startLogin(browser, "/");

      assertRefused(f, browser, "code=c", 400, "login_state_invalid");
      assertRefused(f, browser, "code=c&state=forged-state-value", 400, "login_state_invalid");
      // A callback arriving in another browser (login CSRF) is refused and burns the state.
      assertRefused(f, new Browser(), "code=c&state=" + start.state(), 400, "login_state_invalid");
      assertRefused(f, browser, "code=c&state=" + start.state(), 400, "login_state_invalid");

      Fixture.LoginStart dup = f.startLogin(browser, "/");
      assertRefused(f, browser, "code=c&code=d&state=" + dup.state(), 400, "callback_invalid");
      Fixture.LoginStart denied = f.startLogin(browser, "/");
      HttpResponse<String> error =
          assertRefused(
              f,
              browser,
              "error=access_denied&error_description=The+user+said+%3Cb%3Eno%3C%2Fb%3E&state="
                  + denied.state(),
              400,
              "login_denied");
      assertTrue(error.body().contains("access_denied"));
      assertTrue(error.body().contains("&lt;b&gt;no"), "markup is escaped: " + error.body());
      Fixture.LoginStart noCode = f.startLogin(browser, "/");
      assertRefused(f, browser, "state=" + noCode.state(), 400, "callback_invalid");

      assertEquals(0, f.qf.tokenCalls("authorization_code"));
      assertNull(browser.cookie("QF_SESSION"));
      assertEquals("anonymous", browser.get(f.url("/whoami")).body());
    }
  }

  private static HttpResponse<String> assertRefused(
      StandInFixture f, Browser browser, String query, int status, String code) {
    HttpResponse<String> response = browser.get(f.url("/callback?" + query));
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().contains(code), response.body());
    assertTrue(
        response.body().contains("Sign in again"), "offers a way forward: " + response.body());
    return response;
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void tokenEndpointErrorsShowTheGuideMessageAndAHint(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      Fixture.LoginStart start = f.startLogin(browser, "/");
      f.qf.failNextTokenCall(QfTokenFailure.oauthError("invalid_client", 401));
      HttpResponse<String> response = f.finish(browser, start, StandInFixture.ALICE);
      assertEquals(502, response.statusCode());
      assertTrue(
          response.body().contains("Failed to exchange authorization code for tokens"),
          response.body());
      assertTrue(
          response.body().contains("QF_CLIENT_SECRET"),
          "hint names what to check: " + response.body());
      assertFalse(response.body().contains(StandInFixture.CLIENT_SECRET));
      assertNull(browser.cookie("QF_SESSION"));

      // A code QF never issued: the stand-in refuses it as Hydra does.
      Fixture.LoginStart again = f.startLogin(browser, "/");
      HttpResponse<String> grant =
          browser.get(f.url("/callback?code=never-issued&state=" + again.state()));
      assertEquals(502, grant.statusCode());
      assertTrue(grant.body().contains("invalid_grant"));
      assertTrue(grant.body().contains("clock"), grant.body());

      Fixture.LoginStart json = f.startLogin(browser, "/");
      HttpResponse<String> api =
          browser.get(
              f.url("/callback?code=never-issued&state=" + json.state()),
              "Accept",
              "application/json");
      assertEquals(502, api.statusCode());
      assertTrue(api.body().startsWith("{\"error\":\"token_exchange_failed\""), api.body());
      assertEquals(3, f.qf.tokenCalls("authorization_code"));
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void idTokensThatFailVerificationMakeNoSession(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      List<QfDefect> defects =
          List.of(
              QfDefect.ID_TOKEN_NONCE_WRONG,
              QfDefect.ID_TOKEN_SIGNED_BY_UNPUBLISHED_KEY,
              QfDefect.ID_TOKEN_ISS_WRONG,
              QfDefect.ID_TOKEN_AUD_OTHER_CLIENT,
              QfDefect.ID_TOKEN_EXPIRED);
      try (QfHostileProvider hostile = QfHostileProvider.on(f.qf)) {
        for (QfDefect defect : defects) {
          hostile.inject(defect);
          Browser browser = new Browser();
          HttpResponse<String> response =
              f.finish(browser, f.startLogin(browser, "/"), StandInFixture.ALICE);
          assertEquals(502, response.statusCode(), defect + ": " + response.body());
          assertTrue(response.body().contains("id_token_invalid"), defect + ": " + response.body());
          assertNull(browser.cookie("QF_SESSION"), defect.name());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void protectedPathsSendBrowsersToLoginAndScriptsA401(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      HttpResponse<String> page = browser.get(f.url("/private/page?q=1"));
      assertEquals(302, page.statusCode());
      assertEquals("/login?returnTo=%2Fprivate%2Fpage%3Fq%3D1", Browser.location(page));
      HttpResponse<String> xhr =
          browser.get(f.url("/private/page"), "X-Requested-With", "XMLHttpRequest");
      assertEquals(401, xhr.statusCode());
      assertTrue(xhr.body().contains("\"error\":\"login_required\""), xhr.body());
      assertTrue(xhr.body().contains("\"loginUrl\":\"/login\""), xhr.body());
      HttpResponse<String> fetch =
          browser.get(f.url("/private/page"), "Accept", "application/json");
      assertEquals(401, fetch.statusCode());
      assertEquals("hello /public", browser.get(f.url("/public")).body());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void encodedOrDottedPathsCannotSlipPastProtection(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      for (String sneaky :
          List.of(
              "/%70rivate/page",
              "/public/../private/page",
              "/private;x=1/page",
              "/./private/page",
              "/collections;jsessionid=1",
              "/%63ollections")) {
        HttpResponse<String> response = browser.get(f.url(sneaky));
        // Either the container refuses the URI outright, or the filter sees the protected path.
        assertTrue(
            response.statusCode() == 302
                || response.statusCode() == 400
                || response.statusCode() == 404,
            sneaky + " -> " + response.statusCode() + " " + response.body());
        assertFalse(
            response.body().startsWith("hello"), sneaky + " reached the app: " + response.body());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void returnToOnlyAcceptsSameOriginPaths(Containers.Kind kind) throws Exception {
    try (StandInFixture f = fixture(kind)) {
      Browser browser = new Browser();
      for (String evil :
          List.of(
              "https://evil.example/",
              "//evil.example",
              "/\\evil.example",
              "/%2F%2Fevil.example")) {
        Fixture.LoginStart start = f.startLogin(browser, evil);
        assertEquals("/", Browser.location(f.finish(browser, start, StandInFixture.ALICE)), evil);
      }
    }
  }
}
