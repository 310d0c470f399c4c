package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class PathPatternsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/exact", "/account/*", "/*", "*.jsp", "*.do", "/a/b/c/*", "/a.b"})
  void validate_wellFormedPattern_accepted(String pattern) {
    assertDoesNotThrow(() -> PathPatterns.validate("QF_PROTECTED_PATHS", pattern));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "account",
        "account/*",
        "/a*",
        "/*/x",
        "/a/*/*",
        "**",
        "*",
        "/**",
        "*.jsp/*",
        "*.*",
        "/a/*b",
        "*/x",
        "a*.jsp",
        "/a/**"
      })
  void validate_malformedPattern_rejectedNamingSettingAndForms(String pattern) {
    QfConfigException e =
        assertThrows(
            QfConfigException.class, () -> PathPatterns.validate("QF_PROTECTED_PATHS", pattern));
    assertEquals(
        "QF_PROTECTED_PATHS pattern '"
            + pattern
            + "' is invalid: use /exact, /prefix/*, *.ext or /*",
        e.getMessage());
    assertEquals(QfErrorCode.CONFIGURATION, e.code());
  }

  @ParameterizedTest
  @CsvSource({
    "/account/*, /account, true",
    "/account/*, /account/, true",
    "/account/*, /account/settings, true",
    "/account/*, /account/a/b, true",
    "/account/*, /accountant, false",
    "/account/*, /accounts/x, false",
    "/account/*, /, false",
    "/account/*, /public/account/x, false",
    "/exact, /exact, true",
    "/exact, /exact/, false",
    "/exact, /exact/more, false",
    "/exact, /exactly, false",
    "*.jsp, /a/b.jsp, true",
    "*.jsp, /b.jsp, true",
    "*.jsp, /b.jspx, false",
    "*.jsp, /jsp, false",
    "/*, /, true",
    "/*, /anything/at/all, true",
    "/, /, true",
    "/, /x, false",
  })
  void matches_singlePattern_asServletSpec(String pattern, String path, boolean expected) {
    assertEquals(
        expected, new PathPatterns(List.of(pattern)).matches(path), pattern + " vs " + path);
  }

  @Test
  void matches_severalPatterns_anyOneSuffices() {
    PathPatterns p = new PathPatterns(List.of("/account/*", "/admin", "*.secret"));
    assertTrue(p.matches("/account/x"));
    assertTrue(p.matches("/admin"));
    assertTrue(p.matches("/files/a.secret"));
    assertFalse(p.matches("/public"));
  }

  @Test
  void matches_noPatterns_nothingProtected() {
    assertFalse(new PathPatterns(List.of()).matches("/anything"));
  }

  @Test
  void constructor_copiesList_laterChangesIgnored() {
    java.util.ArrayList<String> list = new java.util.ArrayList<>(List.of("/a"));
    PathPatterns p = new PathPatterns(list);
    list.add("/b");
    assertFalse(p.matches("/b"));
  }
}
