package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code /logout}. Only a same-origin POST signs out: a GET (which any site can trigger with a link
 * or an image) shows a confirmation button instead, and a POST from another origin, or naming no
 * origin at all, is refused. When QF's own session stays alive, the browser is marked so its next
 * sign-in asks for the credentials again.
 */
record LogoutHandler(
    QfAuthConfig config, ActiveSessions sessions, Logouts logouts, Cookies cookies) {
  /**
   * As long as Hydra's default login session ({@code ttl.authentication_session}, 720 h): the
   * marker must outlive the QF session it guards. It costs at most one extra password prompt.
   */
  static final Duration SIGNED_OUT_LIFETIME = Duration.ofHours(720);

  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Cookies.Jar jar = cookies.read(request);
    String handle = jar.session();
    String afterLogout = request.getContextPath() + config.afterLogoutPath();
    if (!"POST".equals(request.getMethod())) {
      if (handle == null || sessions.session(handle).isEmpty()) {
        Responses.redirect(response, afterLogout);
        return;
      }
      String action = Redaction.html(request.getContextPath() + config.logoutPath());
      Responses.html(
          response,
          200,
          "Sign out",
          "<h1>Sign out?</h1><form method=\"post\" action=\""
              + action
              + "\">"
              + "<button id=\"confirm-logout\" type=\"submit\">Sign out</button></form>");
      return;
    }
    Source source = source(request);
    if (source != Source.OWN_PAGES) {
      Responses.error(
          request,
          response,
          new QfAuthException(
              QfErrorCode.FORBIDDEN_ORIGIN,
              source == Source.UNNAMED
                  ? "Sign-out named no origin (no Origin, Sec-Fetch-Site or Referer header) and"
                      + " was refused; a script signing out sends Origin with the app's origin."
                  : "Sign-out was requested by another site and refused."),
          null);
      return;
    }
    URI endSession;
    if (jar.repeated()) {
      // Cookie tossing: nothing tells the browser's own handle from a planted one, so every one is
      // signed out (a planted one is the planter's own session) and QF's session is left to the
      // prompt=login marker, since no single ID token can be named as the hint.
      for (String each : cookies.sessionHandles(request)) {
        logouts.logout(each);
      }
      endSession = null;
      cookies.clear(request, response, cookies.browser());
    } else {
      endSession = logouts.logout(handle);
    }
    cookies.clear(request, response, cookies.session());
    if (endSession == null && config.promptLoginAfterLogout()) {
      // QF still knows the user: without the marker the next /login would silently sign the same
      // person back in, on a shared computer the next person as the previous one.
      cookies.set(request, response, Cookies.SIGNED_OUT, Randoms.token(), SIGNED_OUT_LIFETIME);
    }
    HttpSession containerSession = request.getSession(false);
    if (containerSession != null) {
      containerSession.invalidate();
    }
    if (Responses.wantsJson(request)) {
      Responses.json(
          response,
          200,
          java.util.Map.of(
              "signedOut",
              true,
              "location",
              endSession != null ? endSession.toString() : afterLogout));
      return;
    }
    Responses.noStore(response);
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", endSession != null ? endSession.toString() : afterLogout);
  }

  /** Where a POST says it comes from. */
  private enum Source {
    OWN_PAGES,
    ANOTHER_ORIGIN,
    UNNAMED
  }

  /**
   * Where the POST comes from. Fetch metadata first, then Origin, then the Referer's origin.
   * Browsers before fetch metadata that also leave Origin off a form POST (Firefox before 70,
   * Internet Explorer) send a Referer instead, so their own sign-out button still works; a page on
   * another site can suppress that Referer ({@code referrerpolicy="no-referrer"}), so a POST naming
   * no origin is refused rather than trusted. A script or native client adds {@code Origin} (OWASP
   * CSRF prevention: verify the source origin).
   */
  private Source source(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !"same-origin".equals(site) && !"none".equals(site)) {
      return Source.ANOTHER_ORIGIN;
    }
    String named = request.getHeader("Origin");
    if (named == null && site == null) {
      named = request.getHeader("Referer");
    }
    if (named == null) {
      // Sec-Fetch-Site alone: the browser itself says same-origin (or typed by the user).
      return site != null ? Source.OWN_PAGES : Source.UNNAMED;
    }
    // The app's own origin, from its redirect URI: worked out per sign-out, which is rare.
    String own = origin(config.redirectUri());
    return own.equals(origin(named)) ? Source.OWN_PAGES : Source.ANOTHER_ORIGIN;
  }

  /** {@code value} as an origin (see {@link #origin(URI)}), or {@code null} when it is none. */
  static String origin(String value) {
    try {
      return origin(new URI(value));
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /**
   * The RFC 6454 (4, 6.2) serialisation of {@code uri}'s origin: scheme and host lower-cased, the
   * scheme's default port dropped, so {@code https://App.example:443/callback} and the {@code
   * Origin: https://app.example} a browser sends compare equal. {@code null} for an opaque origin
   * (such as {@code Origin: null}) or a scheme other than http and https.
   */
  static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || !("http".equals(scheme) || "https".equals(scheme))) {
      return null;
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || port == ("https".equals(scheme) ? 443 : 80);
    return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
