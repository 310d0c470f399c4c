package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class CookiesTest {
  private static final String HANDLE = "a".repeat(40) + "-_9";
  private static final String BINDING = "b".repeat(40) + "_-8";
  private static final Cookies PLAIN = new Cookies(false, false);
  private static final Cookies PREFIXED = new Cookies(true, true);

  private static Cookies.Jar scan(Cookies cookies, String... headers) {
    return cookies.scan(Collections.enumeration(List.of(headers)), true);
  }

  @Test
  void scan_amongOtherCookies_findsBoth() {
    Cookies.Jar jar = scan(PLAIN, "a=1; QF_SESSION=" + HANDLE + "; b=2; QF_LOGIN=" + BINDING);
    assertEquals(HANDLE, jar.session());
    assertEquals(BINDING, jar.browser());
    assertFalse(jar.repeated());
    assertEquals(HANDLE, scan(PLAIN, "QF_SESSION=" + HANDLE).session());
    assertEquals(HANDLE, scan(PLAIN, "a=1;QF_SESSION=" + HANDLE).session());
    assertEquals(HANDLE, scan(PLAIN, "a=1;\tQF_SESSION=" + HANDLE + " ").session());
  }

  @Test
  void scan_splitOverSeveralHeaders_findsBoth() {
    Cookies.Jar jar = scan(PLAIN, "QF_LOGIN=" + BINDING, "theme=dark", "QF_SESSION=" + HANDLE);
    assertEquals(HANDLE, jar.session());
    assertEquals(BINDING, jar.browser());
  }

  @Test
  void scan_otherNamesOrValues_notOurs() {
    for (String header :
        List.of(
            "xQF_SESSION=" + HANDLE,
            "QF_SESSIONx=" + HANDLE,
            "qf_session=" + HANDLE,
            "other=QF_SESSION=" + HANDLE,
            "QF_SESSION",
            "",
            ";;; ;",
            "QF_SESSION=\"" + HANDLE + "\"",
            "QF_SESSION=short",
            "QF_SESSION=" + HANDLE.replace('a', '*'))) {
      assertNull(scan(PLAIN, header).session(), header);
      assertFalse(scan(PLAIN, header).repeated(), header);
    }
    assertSame(Cookies.Jar.NONE, PLAIN.scan(null, true));
  }

  /** Cookie tossing: whichever comes first, a second cookie of our names authenticates nothing. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "QF_SESSION=planted; QF_SESSION=" + "a" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-_9",
        "QF_SESSION=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-_9; QF_SESSION=planted",
        "QF_SESSION=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-_9; x=1; QF_SESSION="
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-_9",
        "QF_LOGIN=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_-8; QF_SESSION="
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-_9; QF_LOGIN=planted",
        "QF_SESSION=; QF_SESSION=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-_9"
      })
  void scan_aNameRepeated_repeatedWithNoValues(String header) {
    Cookies.Jar jar = scan(PLAIN, header);
    assertTrue(jar.repeated(), header);
    assertNull(jar.session());
    assertNull(jar.browser());
  }

  @Test
  void scan_sessionOnly_countsTheBindingWithoutReadingIt() {
    Cookies.Jar jar =
        PLAIN.scan(
            Collections.enumeration(List.of("QF_LOGIN=" + BINDING + "; QF_SESSION=" + HANDLE)),
            false);
    assertEquals(HANDLE, jar.session());
    assertNull(jar.browser());
    assertTrue(
        PLAIN
            .scan(
                Collections.enumeration(
                    List.of("QF_LOGIN=x; QF_SESSION=" + HANDLE + "; QF_LOGIN=" + BINDING)),
                false)
            .repeated());
  }

  @Test
  void scan_repeatAcrossTwoHeaders_repeated() {
    assertTrue(scan(PLAIN, "QF_LOGIN=" + BINDING, "QF_LOGIN=" + BINDING).repeated());
  }

  @Test
  void scan_prefixed_readsOnlyHostPrefixedNames() {
    Cookies.Jar jar =
        scan(PREFIXED, "QF_SESSION=planted; __Host-QF_SESSION=" + HANDLE + "; QF_LOGIN=" + BINDING);
    // A sibling subdomain can set QF_SESSION but never __Host-QF_SESSION: the plain name is noise.
    assertEquals(HANDLE, jar.session());
    assertNull(jar.browser());
    assertFalse(jar.repeated());
    assertTrue(
        scan(PREFIXED, "__Host-QF_SESSION=" + HANDLE + "; __Host-QF_SESSION=" + HANDLE).repeated());
  }

  @Test
  void forDeployment_auto_prefixOnlyOverHttpsAtTheRoot() {
    assertEquals("__Host-QF_SESSION", cookies("https", "", "auto").session());
    assertEquals("__Host-QF_LOGIN", cookies("https", "/", "auto").browser());
    assertEquals("QF_SESSION", cookies("https", "/app", "auto").session());
    assertEquals("QF_SESSION", cookies("http", "", "auto").session());
    assertEquals("QF_SESSION", cookies("https", "", "false").session());
    assertEquals("__Host-QF_SESSION", cookies("https", "", "true").session());
  }

  @Test
  void forDeployment_forcedUnderAContextPath_failsNamingTheSetting() {
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> cookies("https", "/app", "true"));
    assertTrue(
        e.getMessage().startsWith("QF_COOKIE_HOST_PREFIX=true needs the app at"), e.getMessage());
  }

  @Test
  void config_forcedWithHttpRedirectUri_failsNamingTheSetting() {
    QfConfigException e = assertThrows(QfConfigException.class, () -> cookies("http", "", "true"));
    assertTrue(
        e.getMessage().startsWith("QF_COOKIE_HOST_PREFIX=true needs an https"), e.getMessage());
  }

  @Test
  void config_unknownValue_failsNamingTheSetting() {
    QfConfigException e =
        assertThrows(QfConfigException.class, () -> cookies("https", "", "yes-please"));
    assertEquals(
        "QF_COOKIE_HOST_PREFIX must be auto, true or false, got: yes-please", e.getMessage());
  }

  private static Cookies cookies(String scheme, String contextPath, String setting) {
    QfAuthConfig config =
        ConfigSources.read(
            name ->
                switch (name) {
                  case QfAuthConfig.CLIENT_ID -> "client";
                  case QfAuthConfig.REDIRECT_URI ->
                      URI.create(scheme + "://app.example" + contextPath + "/callback").toString();
                  case QfAuthConfig.COOKIE_HOST_PREFIX -> setting;
                  default -> null;
                });
    return Cookies.forDeployment(config, contextPath);
  }
}
