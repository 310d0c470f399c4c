package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class QfUserContextTest {

  private static QfUserContext context(Set<String> scopes, Map<String, Object> claims) {
    QfSession session =
        TestSession.builder().accessToken("at-SECRET").scopes(scopes).claims(claims).build();
    return new QfUserContext(QfEnvironment.PRELIVE, session, null, null);
  }

  @ParameterizedTest
  @CsvSource({
    // granted,                         asked,                 expected
    "'openid collection',               collection,            true",
    "'openid collection',               collection.read,       true",
    "'openid collection',               collection.delete,     true",
    "'openid collection.read',          collection.read,       true",
    "'openid collection.read',          collection,           false",
    "'openid collection.read',          collection.delete,    false",
    "'openid user',                     user.profile.read,     true",
    "'openid user.profile',             user.profile.read,     true",
    "'openid user.profile',             user.profile,          true",
    "'openid user.profile',             user,                 false",
    "'openid user.profile',             user.rooms.read,      false",
    "'openid bookmark',                 collection.read,      false",
    "'openid collections',              collection.read,      false",
    "'openid collection',               collections.read,     false",
    "'openid collection',               collectionx.read,     false",
    "'openid collection.read',          collection.readx,     false",
    "'openid offline_access',           offline_access,        true",
    "'openid',                          .read,                false",
    "'openid',                          read.,                false",
    "'openid',                          '',                   false",
  })
  void hasScope_parentAuthorisesChildrenOnly(String granted, String asked, boolean expected) {
    QfUserContext ctx = context(Set.of(granted.split(" ")), Map.of());
    assertEquals(expected, ctx.hasScope(asked), granted + " ? " + asked);
  }

  @Test
  void name_nameClaim_used() {
    assertEquals(
        Optional.of("Aisha Rahman"),
        context(Set.of(), Map.of("name", "Aisha Rahman", "first_name", "A", "last_name", "R"))
            .name());
  }

  @Test
  void name_firstAndLast_joined() {
    assertEquals(
        Optional.of("Aisha Rahman"),
        context(Set.of(), Map.of("first_name", "Aisha", "last_name", "Rahman")).name());
  }

  @Test
  void name_firstOnly_noTrailingSpace() {
    assertEquals(Optional.of("Aisha"), context(Set.of(), Map.of("first_name", "Aisha")).name());
  }

  @Test
  void name_lastOnly_noLeadingSpace() {
    assertEquals(Optional.of("Rahman"), context(Set.of(), Map.of("last_name", "Rahman")).name());
  }

  @Test
  void name_noNameClaims_empty() {
    assertEquals(Optional.empty(), context(Set.of(), Map.of("email", "a@example.com")).name());
  }

  @Test
  void name_blankParts_empty() {
    Map<String, Object> claims = new HashMap<>();
    claims.put("first_name", " ");
    claims.put("last_name", "");
    assertEquals(Optional.empty(), context(Set.of(), claims).name());
  }

  @Test
  void accessors_readTheSession() {
    QfUserContext ctx =
        context(Set.of("openid", "user"), Map.of("email", "a@example.com", "first_name", "Aisha"));
    assertEquals("user-1", ctx.sub());
    assertEquals(QfEnvironment.PRELIVE, ctx.environment());
    assertEquals(Optional.of("a@example.com"), ctx.email());
    assertEquals(Optional.of("Aisha"), ctx.firstName());
    assertEquals(Optional.empty(), ctx.claim("missing"));
    assertEquals(Instant.parse("2026-03-01T13:00:00Z"), ctx.accessTokenExpiresAt());
  }

  @Test
  void toString_noTokenNoClaims() {
    String text = context(Set.of("openid"), Map.of("email", "a@example.com")).toString();
    assertFalse(text.contains("at-SECRET"), text);
    assertFalse(text.contains("a@example.com"), text);
    assertTrue(text.contains("user-1"), text);
  }
}
