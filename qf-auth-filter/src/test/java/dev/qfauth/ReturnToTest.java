package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

final class ReturnToTest {

  /** Each of these, put in a Location header, could leave the app's origin (or smuggle bytes). */
  static Stream<String> openRedirectPayloads() {
    return Stream.of(
        // scheme-relative and backslash variants (WHATWG URL treats '\' as '/')
        "//evil.com",
        "///evil.com",
        "////evil.com",
        "/\\evil.com",
        "\\/evil.com",
        "\\\\evil.com",
        "/\\/evil.com",
        "//\\evil.com",
        "//evil.com/%2F..",
        "//evil.com@app.example",
        "//@evil.com",
        "//evil.com:443/x",
        // absolute URLs and other schemes
        "https://evil.com",
        "http://evil.com",
        "HTTPS://evil.com",
        "https:evil.com",
        "https:/evil.com",
        "ftp://evil.com",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "evil.com",
        "evil.com/path",
        "relative/path",
        ".",
        "..",
        "./evil",
        "?next=/",
        "#/dashboard",
        // percent-encoded slashes, backslashes and controls that decode into "//" later
        "/%2F%2Fevil.com",
        "/%2f%2fevil.com",
        "/%2Fevil.com",
        "/%5Cevil.com",
        "/%5cevil.com",
        "/%5C%5Cevil.com",
        "/a/%2F/evil.com",
        "/%2e%2e%2F%2e%2e%2Fevil.com",
        "/%09/evil.com",
        "/%0a/evil.com",
        "/%0D%0A/evil.com",
        "/%00/evil.com",
        "//%09/evil.com",
        // whitespace and controls inside (browsers strip tab/CR/LF, turning "/\t/" into "//")
        "/\t/evil.com",
        "/\n/evil.com",
        "/\r/evil.com",
        "/\r\n/evil.com",
        "\t//evil.com",
        " //evil.com",
        "/ /evil.com",
        "/\u0000/evil.com",
        "/\u007f/evil.com",
        "/\u000b/evil.com",
        "/\u000c/evil.com",
        "/dashboard\r\nSet-Cookie: a=b",
        "/dashboard\nLocation: https://evil.com",
        // dot segments that climb above the root (and then "//")
        "/..//evil.com",
        "/../evil.com",
        "/..",
        "/../../etc/passwd",
        "/a/../../evil.com",
        "/..%2F..%2Fevil.com",
        // unicode look-alikes of '/', '\', '.', ':' and friends (and any non-ASCII)
        "/\uff0f/evil.com", // FULLWIDTH SOLIDUS
        "/\u2215/evil.com", // DIVISION SLASH
        "/\u2044/evil.com", // FRACTION SLASH
        "/\u29f8/evil.com", // BIG SOLIDUS
        "/\uff3c/evil.com", // FULLWIDTH REVERSE SOLIDUS
        "/\u3002evil.com", // IDEOGRAPHIC FULL STOP
        "\uff0f\uff0fevil.com",
        "/\u00a0/evil.com", // NO-BREAK SPACE
        "/\u2028/evil.com", // LINE SEPARATOR
        "/\u202e/moc.live", // RIGHT-TO-LEFT OVERRIDE
        "/\ufeff/evil.com", // BOM / zero-width no-break space
        "/\u200b/evil.com", // ZERO WIDTH SPACE
        "/caf\u00e9", // not an attack, but not what the app produces (it would be %C3%A9)
        // fragments (never needed for a server-side return path)
        "/dashboard#//evil.com",
        "/#@evil.com",
        // malformed escapes the URI parser refuses
        "/%zz",
        "/%",
        "/a%2",
        // over the length cap
        "/" + "a".repeat(2048),
        "/?" + "q=".repeat(2000));
  }

  @ParameterizedTest
  @MethodSource("openRedirectPayloads")
  void sanitize_openRedirectPayload_fallsBackToRoot(String payload) {
    assertEquals("/", ReturnTo.sanitize(payload), () -> "payload " + printable(payload));
  }

  @ParameterizedTest
  @NullAndEmptySource
  void sanitize_nullOrEmpty_fallsBackToRoot(String payload) {
    assertEquals("/", ReturnTo.sanitize(payload));
  }

  @Test
  void sanitize_openRedirectTable_isLargeEnough() {
    assertTrue(openRedirectPayloads().count() >= 60);
  }

  /**
   * These look like tricks but are path-absolute references: a browser resolves them on the app's
   * own origin. Normalisation may rewrite them; the result must still be provably same-origin.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/@evil.com",
        "/.//evil.com",
        "/a/..//evil.com",
        "/a/.//evil.com",
        "/%2e%2e//evil.com",
        "/%2e%2e/%2e%2e/evil.com",
        "/evil.com",
        "/javascript:alert(1)",
        "/https://evil.com",
        "/:evil.com",
        "/?//evil.com",
        "/?next=https://evil.com",
        "/?url=%2F%2Fevil.com",
        "/a//b",
        "/;@evil.com",
        // double encoding: a same-origin path as sent; only an app that decodes twice would see
        // "//"
        "/%252F%252Fevil.com",
      })
  void sanitize_lookalikeRelativePath_staysSameOrigin(String payload) {
    String result = ReturnTo.sanitize(payload);
    assertSameOrigin(result);
  }

  @Test
  void sanitize_dotSlashSlash_collapsesToSameOriginPath() {
    // Decision: "/.//evil.com" normalises to "/evil.com", a page of our own origin; "/" would be
    // equally safe. What must never come out is "//evil.com".
    assertEquals("/evil.com", ReturnTo.sanitize("/.//evil.com"));
    assertEquals("/evil.com", ReturnTo.sanitize("/a/..//evil.com"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/dashboard",
        "/account/settings",
        "/a/b/c.html",
        "/search?q=quran",
        "/search?q=al+fatiha&page=2",
        "/search?q=%2F%2Fevil.com",
        "/search?q=a%20b%26c%3Dd",
        "/search?q=%E2%9C%93&lang=ar",
        "/files/a%20b.pdf",
        "/surah/caf%C3%A9",
        "/a-b_c.d~e",
        "/path;jsessionid=abc",
        "/reader?verse=2:255",
        "/x?a=1&a=2&b=",
        "/x?",
        "/~user/page",
        "/a/b/",
      })
  void sanitize_goodPath_keptExactly(String path) {
    assertEquals(path, ReturnTo.sanitize(path));
  }

  @Test
  void sanitize_atLengthCap_kept() {
    String path = "/" + "a".repeat(2047);
    assertEquals(2048, path.length());
    assertEquals(path, ReturnTo.sanitize(path));
  }

  @Test
  void sanitize_oneOverLengthCap_fallsBackToRoot() {
    assertEquals("/", ReturnTo.sanitize("/" + "a".repeat(2048)));
  }

  @Test
  void sanitize_hugeInput_fallsBackToRootQuickly() {
    String huge = "/" + "%2F".repeat(1_000_000);
    long start = System.nanoTime();
    assertEquals("/", ReturnTo.sanitize(huge));
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "must reject before parsing");
  }

  @Test
  void sanitize_dotSegmentsInsideApp_normalised() {
    assertEquals("/a/c", ReturnTo.sanitize("/a/./b/../c"));
    assertEquals("/", ReturnTo.sanitize("/x/.."));
  }

  /**
   * Independent oracle: a path-absolute reference (one '/', then neither '/' nor '\') made only of
   * visible ASCII cannot leave the origin, and resolving it must keep the host.
   */
  private static void assertSameOrigin(String result) {
    assertTrue(result.startsWith("/"), result);
    assertTrue(result.length() == 1 || result.charAt(1) != '/' && result.charAt(1) != '\\', result);
    assertTrue(result.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\'), result);
    String path = result.contains("?") ? result.substring(0, result.indexOf('?')) : result;
    String lower = path.toLowerCase(Locale.ROOT);
    assertTrue(!lower.contains("%2f") && !lower.contains("%5c"), result);
    URI resolved = URI.create("https://app.example/ctx/").resolve(result);
    assertEquals("app.example", resolved.getHost(), result);
    assertEquals("https", resolved.getScheme(), result);
  }

  private static String printable(String s) {
    return s.length() > 80
        ? s.substring(0, 80) + "..."
        : s.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  @Test
  void returnToIsReadFromTheRawQueryLikeAParameter() {
    assertEquals("/a b?x=1&y=2", ReturnTo.fromQuery("returnTo=%2Fa+b%3Fx%3D1%26y%3D2"));
    assertEquals("/first", ReturnTo.fromQuery("lang=ar&returnTo=/first&returnTo=/second"));
    assertEquals("", ReturnTo.fromQuery("returnTo="));
    assertEquals("/\u0645", ReturnTo.fromQuery("returnTo=/%D9%85"));
    assertNull(ReturnTo.fromQuery(null));
    assertNull(ReturnTo.fromQuery(""));
    assertNull(ReturnTo.fromQuery("returnTo"));
    assertNull(ReturnTo.fromQuery("xreturnTo=/a"));
    assertNull(ReturnTo.fromQuery("a=returnTo=/a"));
    assertNull(ReturnTo.fromQuery("returnTo=%zz"), "malformed escapes give no path");
    // What it yields still goes through sanitize.
    assertEquals("/", ReturnTo.sanitize(ReturnTo.fromQuery("returnTo=%2F%2Fevil.com")));
  }
}
