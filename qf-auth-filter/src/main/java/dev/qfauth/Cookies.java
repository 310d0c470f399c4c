package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The filter's cookies, all opaque random values: the session handle and the browser binding for
 * sign-ins in progress (both meaningless without the server-side stores), and the signed-out
 * marker, which only has to be present. HttpOnly, SameSite=Lax (Strict would drop them on the
 * redirect back from QF), Secure when the app is served over https. The first two are named with
 * the {@code __Host-} prefix when the deployment allows it ({@link
 * QfAuthConfig#COOKIE_HOST_PREFIX}); the marker needs no prefix, since a planted one can only make
 * QF ask for the credentials.
 */
final class Cookies {
  private static final System.Logger LOG = System.getLogger(Cookies.class.getName());

  static final String SESSION = "QF_SESSION";
  static final String BROWSER = "QF_LOGIN";

  /**
   * RFC 6265bis 4.1.3.2: a browser stores a {@code __Host-} cookie only when it is Secure, has
   * Path=/ and no Domain, and was set by the host itself over https. A sibling subdomain or a page
   * on another path cannot plant one, which is what stops cookie tossing.
   */
  static final String HOST_PREFIX = "__Host-";

  /**
   * Set by an explicit sign-out that left the QF session alive: this browser's next sign-in asks QF
   * for the credentials again. An opaque random value, like the others.
   */
  static final String SIGNED_OUT = "QF_SIGNED_OUT";

  private final boolean secure;
  private final String session;
  private final String browser;
  // A cookie planted for the parent domain is sent again with every request of its victim, and
  // clearing ours cannot remove it: one warning a minute, with a count, not one per request.
  private final LogThrottle tossingWarnings = new LogThrottle(60_000, System::currentTimeMillis);

  Cookies(boolean secure, boolean hostPrefix) {
    if (hostPrefix && !secure) {
      throw new IllegalArgumentException("__Host- cookies must be Secure");
    }
    this.secure = secure;
    this.session = hostPrefix ? HOST_PREFIX + SESSION : SESSION;
    this.browser = hostPrefix ? HOST_PREFIX + BROWSER : BROWSER;
  }

  /**
   * The cookies for an app served at {@code contextPath} under {@code config}.
   *
   * @throws QfConfigException when {@link QfAuthConfig#COOKIE_HOST_PREFIX} is forced on for an app
   *     that is not at the root (a {@code __Host-} cookie must have Path=/)
   */
  static Cookies forDeployment(QfAuthConfig config, String contextPath) {
    boolean atRoot = contextPath == null || contextPath.isEmpty() || "/".equals(contextPath);
    boolean secure = config.secureCookies();
    boolean prefix =
        switch (config.cookieHostPrefix()) {
          case NEVER -> false;
          case AUTO -> secure && atRoot;
          case ALWAYS -> {
            if (!atRoot) {
              throw new QfConfigException(
                  QfAuthConfig.COOKIE_HOST_PREFIX
                      + "=true needs the app at context path \"/\" (a __Host- cookie must have"
                      + " Path=/), but it is at \""
                      + contextPath
                      + "\": use auto or false");
            }
            yield true;
          }
        };
    return new Cookies(secure, prefix);
  }

  /** The session cookie's name: {@value #SESSION}, with {@link #HOST_PREFIX} when it applies. */
  String session() {
    return session;
  }

  /** The browser binding's name: {@value #BROWSER}, with {@link #HOST_PREFIX} when it applies. */
  String browser() {
    return browser;
  }

  /**
   * The filter's cookies as one request carries them. {@code repeated}: a name came more than once
   * (a sibling subdomain or a path-scoped cookie tossed a second one in); then neither value is
   * given, since nothing tells the browser's own from the planted one.
   */
  record Jar(String session, String browser, boolean repeated) {
    static final Jar NONE = new Jar(null, null, false);
    static final Jar REPEATED = new Jar(null, null, true);
  }

  /** Both cookies of {@code request}, for starting and completing sign-ins ({@link #scan}). */
  Jar read(HttpServletRequest request) {
    return scan(request.getHeaders("Cookie"), true);
  }

  /**
   * {@link #sessionHandle}'s answer when either of our cookies came twice; compared by identity, so
   * no cookie value can be mistaken for it.
   */
  static final String REPEATED = new String("(repeated)");

  /**
   * The session handle of {@code request}, for the signed-in request: {@code null} when absent or
   * not one of ours, or {@link #REPEATED}. The binding is only counted, never copied or checked,
   * and nothing is allocated, which keeps the scan as cheap as reading one name was.
   */
  String sessionHandle(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("Cookie");
    return headers == null ? null : scan(headers, null);
  }

  /**
   * Both cookies of the {@code Cookie} headers (RFC 6265 4.2.1: {@code name=value} pairs separated
   * by {@code ";"} and a space). Names match exactly: {@code xQF_SESSION} or a value containing
   * {@code QF_SESSION=} is a different cookie. A value that is not one of ours (43 base64url
   * characters) reads as absent; a name that comes twice makes the {@link Jar#REPEATED} jar.
   * Reading the header ourselves spares every signed-in request the container's parsing of all its
   * cookies into objects; finding each name with {@link String#indexOf} (an intrinsic) rather than
   * walking the header pair by pair keeps counting both names as cheap as reading one was
   * (qf-auth-bench duets).
   */
  Jar scan(Enumeration<String> headers, boolean withBrowser) {
    if (headers == null) {
      return Jar.NONE;
    }
    String[] binding = withBrowser ? new String[1] : null;
    String handle = scan(headers, binding);
    if (handle == REPEATED) {
      return Jar.REPEATED;
    }
    String browserValue = binding == null ? null : binding[0];
    return handle == null && browserValue == null ? Jar.NONE : new Jar(handle, browserValue, false);
  }

  /**
   * The scan itself: the session handle (or {@link #REPEATED}), and the binding into {@code
   * binding[0]} when {@code binding} is given.
   */
  private String scan(Enumeration<String> headers, String[] binding) {
    String sessionValue = null;
    String browserValue = null;
    int sessions = 0;
    int browsers = 0;
    while (headers.hasMoreElements()) {
      String header = headers.nextElement();
      if (header == null) {
        continue;
      }
      for (int at = find(header, session, 0); at >= 0; at = find(header, session, at + 1)) {
        if (++sessions == 1) {
          sessionValue = valueAt(header, at + session.length() + 1);
        }
      }
      for (int at = find(header, browser, 0); at >= 0; at = find(header, browser, at + 1)) {
        if (++browsers == 1 && binding != null) {
          browserValue = valueAt(header, at + browser.length() + 1);
        }
      }
    }
    if (sessions > 1 || browsers > 1) {
      return REPEATED;
    }
    if (binding != null) {
      binding[0] = ours(browserValue);
    }
    return ours(sessionValue);
  }

  /**
   * Every well-formed session handle {@code request} carries, for a sign-out of a request whose
   * session cookie came twice: it ends them all, the browser's own among them (a planted one can
   * only be the planter's own session). Not on the signed-in path.
   */
  List<String> sessionHandles(HttpServletRequest request) {
    List<String> handles = new ArrayList<>(2);
    Enumeration<String> headers = request.getHeaders("Cookie");
    while (headers != null && headers.hasMoreElements()) {
      String header = headers.nextElement();
      for (int at = header == null ? -1 : find(header, session, 0);
          at >= 0;
          at = find(header, session, at + 1)) {
        String handle = ours(valueAt(header, at + session.length() + 1));
        if (handle != null && !handles.contains(handle)) {
          handles.add(handle);
        }
      }
    }
    return handles;
  }

  /**
   * Whether {@code request} carries the {@link #SIGNED_OUT} marker; its value does not matter. Only
   * /login and the callback ask.
   */
  boolean signedOut(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("Cookie");
    while (headers != null && headers.hasMoreElements()) {
      String header = headers.nextElement();
      if (header != null && find(header, SIGNED_OUT, 0) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the next pair named {@code name} starts in {@code header} at or after {@code from}, or
   * -1: an occurrence counts only when {@code "="} follows and only white space stands between it
   * and the start of the header or a {@code ";"}.
   */
  private static int find(String header, String name, int from) {
    for (int at = header.indexOf(name, from); at >= 0; at = header.indexOf(name, at + 1)) {
      int equals = at + name.length();
      if (equals < header.length() && header.charAt(equals) == '=' && pairStart(header, at)) {
        return at;
      }
    }
    return -1;
  }

  private static boolean pairStart(String header, int at) {
    int before = at - 1;
    while (before >= 0 && whitespace(header.charAt(before))) {
      before--;
    }
    return before < 0 || header.charAt(before) == ';';
  }

  /**
   * The value that starts at {@code from}: up to the next {@code ";"}, trailing white space off.
   */
  private static String valueAt(String header, int from) {
    int end = header.indexOf(';', from);
    return value(header, from, end < 0 ? header.length() : end);
  }

  private static String value(String header, int from, int end) {
    int valueEnd = end;
    while (valueEnd > from && whitespace(header.charAt(valueEnd - 1))) {
      valueEnd--;
    }
    return header.substring(from, valueEnd);
  }

  /** Our values are 43 base64url characters; anything else is not ours. */
  private static String ours(String value) {
    return value != null && value.length() == 43 && base64url(value) ? value : null;
  }

  private static boolean whitespace(char c) {
    return c == ' ' || c == '\t';
  }

  void set(
      HttpServletRequest request,
      HttpServletResponse response,
      String name,
      String value,
      Duration maxAge) {
    response.addHeader("Set-Cookie", header(request, name, value, maxAge.toSeconds()));
  }

  void clear(HttpServletRequest request, HttpServletResponse response, String name) {
    response.addHeader("Set-Cookie", header(request, name, "", 0));
  }

  /**
   * Cookie tossing: a request carrying one of our cookies twice neither authenticates nor starts or
   * completes a sign-in (RFC 6265bis 8.6, RFC 9700 4.7). It gets the {@code login_state_invalid}
   * page, and both our cookies are cleared; a planted one on another path or domain is beyond our
   * reach, which is why the {@code __Host-} prefix matters.
   */
  void refuseRepeated(HttpServletRequest request, HttpServletResponse response, String loginUrl)
      throws IOException {
    long heldBack = tossingWarnings.admit();
    if (heldBack >= 0) {
      LOG.log(
          Level.WARNING,
          "Refused a request to {0} carrying {1} or {2} twice (cookie tossing?); both cleared"
              + " ({3} more since the last such warning, not logged)",
          request.getRequestURI(),
          session,
          browser,
          heldBack);
    }
    clear(request, response, session);
    clear(request, response, browser);
    Responses.error(
        request,
        response,
        SignInException.stateInvalid(
            "This browser sent a sign-in cookie twice (another site under this domain may have"
                + " planted one). Both were cleared; sign in again."),
        loginUrl);
  }

  private String header(HttpServletRequest request, String name, String value, long maxAgeSeconds) {
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    StringBuilder h = new StringBuilder(name).append('=').append(value);
    h.append("; Path=").append(path);
    if (maxAgeSeconds >= 0) {
      h.append("; Max-Age=").append(maxAgeSeconds);
    }
    h.append("; HttpOnly; SameSite=Lax");
    if (secure) {
      h.append("; Secure");
    }
    return h.toString();
  }

  // A plain loop: this runs on every request, and a chars() stream here cost several times the
  // session lookup (qf-auth-bench HotPathBenchmark).
  private static boolean base64url(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!base64url(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean base64url(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '_';
  }
}
