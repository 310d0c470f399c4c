package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SecretTest {
  private static final String AT = "ory_at_ACCESS-abcdef";
  private static final String RT = "ory_rt_REFRESH-ghijkl";
  private static final String ID = "eyJhbGciOiJSUzI1NiJ9.ID-TOKEN-payload.sig";
  private static final String VERIFIER = "VERIFIER-dBjftJeZ4CVP-mJ92IgMwNk-v5Q2qIJfQ";

  @Test
  void toString_redacted() {
    assertEquals("***", Secret.of("hunter2").toString());
    assertEquals("x=***", "x=" + Secret.of("hunter2"));
    assertEquals("***", String.valueOf(Secret.of("")));
  }

  @Test
  void reveal_returnsValue() {
    assertEquals("hunter2", Secret.of("hunter2").reveal());
  }

  @Test
  void of_null_rejected() {
    assertThrows(NullPointerException.class, () -> Secret.of(null));
  }

  @Test
  void ofNullable_null_null() {
    assertNull(Secret.ofNullable(null));
  }

  @Test
  void equals_sameValue_equalAndSameHash() {
    assertEquals(Secret.of("abc"), Secret.of("abc"));
    assertEquals(Secret.of("abc").hashCode(), Secret.of("abc").hashCode());
  }

  @Test
  void equals_differentValueOrType_notEqual() {
    assertNotEquals(Secret.of("abc"), Secret.of("abd"));
    assertNotEquals(Secret.of("abc"), Secret.of("abcd"));
    assertNotEquals(Secret.of("abc"), "abc");
    assertNotEquals(Secret.of("abc"), null);
  }

  @Test
  void qfSession_toString_printsNoToken() {
    QfSession s =
        TestSession.builder()
            .accessToken(AT)
            .refreshToken(RT)
            .idToken(Secret.of(ID))
            .scopes("openid", "user")
            .claims(Map.of("email", "a@example.com"))
            .build();
    String text = s.toString();
    for (String token : List.of(AT, RT, ID, "ACCESS", "REFRESH", "ID-TOKEN")) {
      assertFalse(text.contains(token), text);
    }
    assertTrue(text.contains("user-1"), text);
  }

  @Test
  void qfSession_equalTokensDifferentInstances_equal() {
    // CaffeineSessionStore.replace relies on value equality of sessions.
    QfSession a = session(AT);
    QfSession b = session(new String(AT.toCharArray()));
    assertEquals(a, b);
    assertNotEquals(a, session(AT + "x"));
  }

  @Test
  void loginTransaction_toString_printsNoVerifierOrBrowserBinding() {
    String browser = "BROWSER-binding-cookie-value-0123456789abcd";
    LoginTransaction tx =
        new LoginTransaction(
            "STATE-value-0123456789abcdefghijklmnopqrstu",
            "NONCE-value-0123456789abcdefghijklmnopqrstu",
            Secret.of(VERIFIER),
            browser,
            "/dashboard",
            Instant.parse("2026-03-01T12:00:00Z"));
    String text = tx.toString();
    assertFalse(text.contains(VERIFIER), text);
    // The browser binding is the QF_LOGIN cookie value: a credential for finishing sign-ins.
    assertFalse(text.contains(browser), text);
    // State and nonce are single-use protocol values; logs get at most a short tag (house style).
    assertFalse(text.contains("STATE-value"), text);
    assertFalse(text.contains("NONCE-value"), text);
  }

  private static QfSession session(String at) {
    return TestSession.builder().accessToken(at).expiresAt(Instant.EPOCH).build();
  }
}
