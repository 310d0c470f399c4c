package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of the package-private building blocks that need no server. */
final class InternalsTest {

  @Test
  void scopes_parentOwned_coversChildrenNotSiblingsOrParents() {
    assertTrue(Scopes.covers(Set.of("collection"), "collection.read"));
    assertTrue(Scopes.covers(Set.of("user"), "user.profile.read"));
    assertFalse(Scopes.covers(Set.of("collection.read"), "collection"));
    assertFalse(Scopes.covers(Set.of("collection"), "collections"));
    assertEquals(List.of("openid", "user"), Scopes.parse("  openid  user openid "));
  }

  @Test
  void pkce_rfc7636AppendixB_matches() {
    String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.s256(verifier));
    assertNull(Pkce.verify("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", verifier));
    assertEquals(
        "invalid_grant", Pkce.verify(null, verifier).error(), "verifier without challenge");
    assertEquals(
        "invalid_grant",
        Pkce.verify("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "short").error());
  }

  @Test
  void clientAuthenticator_basicPartNotFormEncoded_invalidRequestNamingThePart() {
    Registry registry = new Registry();
    registry.put(QfTestClient.confidential("web", "secret").redirectUris("http://a/cb").build());
    ClientAuthenticator authenticator = new ClientAuthenticator(registry);

    OAuthError badId = authenticator.authenticate(basic("w%zz:secret"), Form.empty()).error();
    OAuthError badSecret = authenticator.authenticate(basic("web:s%zz"), Form.empty()).error();
    OAuthError both = authenticator.authenticate(basic("w%zz:s%zz"), Form.empty()).error();

    assertEquals("invalid_request", badId.error());
    assertTrue(badId.hint().startsWith("The client id in the HTTP"), badId.hint());
    assertTrue(badSecret.hint().startsWith("The client secret in"), badSecret.hint());
    assertEquals(badId, both, "the id is checked first");
    assertNull(authenticator.authenticate(basic("web:secret"), Form.empty()).error());
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void form_plusAndPercent_decodedLikeBrowsersEncode() {
    Form form = Form.parse("scope=openid+offline_access&secret=a%2Bb%25&empty=&flag");
    assertEquals("openid offline_access", form.get("scope"));
    assertEquals("a+b%", form.get("secret"));
    assertNull(form.get("empty"));
    assertNull(form.get("flag"));
    assertThrows(IllegalArgumentException.class, () -> Form.parse("x=%zz"));
  }

  @Test
  void recordedRequest_toString_redactsSecrets() {
    QfRecordedRequest request =
        new QfRecordedRequest(
            "POST",
            "/oauth2/token",
            Map.of(
                "Authorization",
                List.of("Basic c2VjcmV0"),
                "X-Auth-Token",
                List.of("at-value"),
                "Accept",
                List.of("application/json")),
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                "rt-value",
                "client_secret",
                "cs-value",
                "code_verifier",
                "cv-value"),
            "refresh_token=rt-value");
    String text = request.toString();
    for (String secret : List.of("c2VjcmV0", "at-value", "rt-value", "cs-value", "cv-value")) {
      assertFalse(text.contains(secret), text);
    }
    assertTrue(text.contains("grant_type=refresh_token"));
    assertEquals(
        "Basic c2VjcmV0", request.header("authorization").orElseThrow(), "accessors stay raw");
  }

  @Test
  void testClient_toString_hidesSecret() {
    QfTestClient client =
        QfTestClient.confidential("app", "hunter2").redirectUris("https://app.example/cb").build();
    assertFalse(client.toString().contains("hunter2"));
    assertTrue(client.secretMatches("hunter2"));
  }

  @Test
  void testClient_redirectUriWithFragmentOrNone_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> QfTestClient.publicClient("spa").redirectUris("https://a.example/cb#x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> QfTestClient.publicClient("spa").redirectUris("/relative"));
    assertThrows(IllegalStateException.class, () -> QfTestClient.publicClient("spa").build());
  }

  @Test
  void testUser_defaults_stableSubAndJoinedName() {
    QfTestUser user = QfTestUser.builder("amina").firstName("Amina").lastName("Saleh").build();
    assertEquals("Amina Saleh", user.name());
    assertEquals(user.sub(), QfTestUser.builder("amina").build().sub());
    assertFalse(user.withWithheldScopes("collection").grants("collection.read"));
    assertTrue(user.grants("collection.read"));
    assertThrows(IllegalArgumentException.class, () -> QfTestUser.of(" "));
  }

  @Test
  void standIn_unknownUserInControl_failsFast() {
    try (QfStandIn qf = QfStandIn.start()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> qf.autoLogin("nobody"));
      assertTrue(e.getMessage().contains("nobody"));
      assertThrows(
          IllegalArgumentException.class,
          () -> qf.user(QfTestUser.ALICE).addBookmark("alice", "115:1"));
    }
  }
}
