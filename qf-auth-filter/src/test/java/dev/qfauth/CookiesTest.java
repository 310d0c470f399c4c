package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CookiesTest {
  private static final String HANDLE = "a".repeat(40) + "-_9";

  @Test
  void findsTheCookieAmongOthers() {
    assertEquals(HANDLE, Cookies.valueIn("QF_SESSION=" + HANDLE, "QF_SESSION"));
    assertEquals(HANDLE, Cookies.valueIn("a=1; QF_SESSION=" + HANDLE + "; b=2", "QF_SESSION"));
    assertEquals(HANDLE, Cookies.valueIn("a=1;QF_SESSION=" + HANDLE, "QF_SESSION"));
    assertEquals(HANDLE, Cookies.valueIn("a=1;\tQF_SESSION=" + HANDLE + " ", "QF_SESSION"));
  }

  @Test
  void namesMatchExactly() {
    assertNull(Cookies.valueIn("xQF_SESSION=" + HANDLE, "QF_SESSION"));
    assertNull(Cookies.valueIn("QF_SESSIONx=" + HANDLE, "QF_SESSION"));
    assertNull(Cookies.valueIn("qf_session=" + HANDLE, "QF_SESSION"));
    assertNull(Cookies.valueIn("other=QF_SESSION=" + HANDLE, "QF_SESSION"));
    assertNull(Cookies.valueIn("QF_SESSION", "QF_SESSION"));
    assertNull(Cookies.valueIn("", "QF_SESSION"));
    assertNull(Cookies.valueIn(";;; ;", "QF_SESSION"));
    assertNull(Cookies.valueIn(null, "QF_SESSION"));
  }

  @Test
  void theFirstOccurrenceDecides() {
    assertEquals("one", Cookies.valueIn("QF_SESSION=one; QF_SESSION=" + HANDLE, "QF_SESSION"));
    assertEquals("", Cookies.valueIn("QF_SESSION=; QF_LOGIN=x", "QF_SESSION"));
    assertEquals("x", Cookies.valueIn("QF_SESSION=; QF_LOGIN=x", "QF_LOGIN"));
  }
}
