package dev.qfauth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Signs users in with Quran.Foundation and puts the signed-in user on each request as a {@link
 * QfUserContext}. Add it in front of the app:
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>qf-auth</filter-name>
 *   <filter-class>dev.qfauth.QfAuthFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param><param-name>QF_REDIRECT_URI</param-name>
 *               <param-value>https://app.example/callback</param-value></init-param>
 *   <init-param><param-name>QF_PROTECTED_PATHS</param-name><param-value>/account/*</param-value></init-param>
 * </filter>
 * <filter-mapping><filter-name>qf-auth</filter-name><url-pattern>/*</url-pattern></filter-mapping>
 * }</pre>
 *
 * Settings are the constants of {@link QfAuthConfig} (init-param, else system property, else
 * environment variable). {@code init} validates them all and fails the deployment with a message
 * naming the setting; the client secret is never logged.
 *
 * <p>Routes: the login path starts a sign-in (PKCE S256, state, nonce); the redirect URI's path is
 * the callback; the logout path signs out (POST); the exchange path serves native and SPA apps when
 * {@code QF_EXCHANGE_REDIRECT_URIS} is set; the back-channel logout path takes QF's logout tokens
 * when {@code QF_BACKCHANNEL_LOGOUT_PATH} is set. Protected paths without a session get 302 to
 * login (browsers) or 401 JSON (scripts). Every other request passes through, with the user
 * attached when there is one.
 *
 * <p>Thread-safe and immutable after {@code init}; per-user state lives only in the stores.
 */
public final class QfAuthFilter implements Filter {
  /**
   * The cookie holding the browser's opaque session handle (never a token), named {@code
   * __Host-QF_SESSION} where {@link QfAuthConfig#COOKIE_HOST_PREFIX} applies: the name in use is
   * the servlet-context attribute {@link #SESSION_COOKIE_ATTRIBUTE}.
   */
  public static final String SESSION_COOKIE = Cookies.SESSION;

  /** Servlet-context attribute holding the session cookie's name as this filter sets it. */
  public static final String SESSION_COOKIE_ATTRIBUTE = QfAuthFilter.class.getName() + ".cookie";

  /**
   * Servlet-context attribute holding the filter's {@link SessionStore}, for test kits and admin
   * code.
   */
  public static final String STORE_ATTRIBUTE = SessionStore.class.getName();

  /** Servlet-context attribute holding the filter's effective {@link QfAuthConfig}. */
  public static final String CONFIG_ATTRIBUTE = QfAuthConfig.class.getName();

  private static final System.Logger LOG = System.getLogger(QfAuthFilter.class.getName());
  // A store outage fails every request at once: a short pause before the browser or script tries
  // again, and one warning a minute in the log rather than one per request.
  private static final String STORE_RETRY_AFTER_SECONDS = "5";
  private final LogThrottle storeWarnings = new LogThrottle(60_000, System::currentTimeMillis);

  private QfAuthConfig presetConfig;
  private FilterParts parts;
  private Cookies cookies;
  private LoginHandler login;
  private CallbackHandler callback;
  private LogoutHandler logout;
  private ExchangeHandler exchange;
  private BackChannelLogoutHandler backChannelLogout;
  private PathPatterns protectedPaths;
  private String callbackPath;

  /**
   * For web.xml and web-fragment use: configured from init-params, system properties and
   * environment.
   */
  public QfAuthFilter() {}

  /** For programmatic registration with a ready config. */
  public QfAuthFilter(QfAuthConfig config) {
    this.presetConfig = config;
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    QfAuthConfig config =
        presetConfig != null
            ? presetConfig
            : QfAuthConfig.fromSources(filterConfig::getInitParameter);
    this.parts = FilterParts.of(config);
    try {
      this.cookies =
          Cookies.forDeployment(config, filterConfig.getServletContext().getContextPath());
      this.login = new LoginHandler(config, parts.signIns(), cookies);
      this.callback =
          new CallbackHandler(
              config, parts.signIns(), parts.sessions(), parts.logouts(), cookies, parts.metrics());
      this.logout = new LogoutHandler(config, parts.sessions(), parts.logouts(), cookies);
      this.exchange =
          new ExchangeHandler(config, parts.signIns(), parts.sessions(), parts.metrics());
      this.backChannelLogout =
          parts.backChannelLogout() == null
              ? null
              : new BackChannelLogoutHandler(
                  parts.backChannelLogout(), config.backchannelLogoutPath());
      this.protectedPaths = new PathPatterns(config.protectedPaths());
      this.callbackPath = config.redirectUri().getPath();
      filterConfig.getServletContext().setAttribute(STORE_ATTRIBUTE, parts.store());
      filterConfig.getServletContext().setAttribute(CONFIG_ATTRIBUTE, config);
      filterConfig.getServletContext().setAttribute(SESSION_COOKIE_ATTRIBUTE, cookies.session());
      LOG.log(
          Level.INFO,
          "qf-auth started as a {0} client: {1}",
          config.confidential() ? "confidential" : "public (no QF_CLIENT_SECRET; PKCE only)",
          config);
      parts.warmUp();
    } catch (RuntimeException | Error e) {
      // The container never calls destroy() after a failed init: stop the HTTP threads here.
      parts.close();
      throw e;
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    String path = pathOf(request);
    QfAuthConfig config = parts.config();
    try {
      if (path.equals(config.loginPath())) {
        login.handle(request, response);
      } else if (isCallback(request.getContextPath(), path)) {
        callback.handle(request, response);
      } else if (path.equals(config.logoutPath())) {
        logout.handle(request, response);
      } else if (exchange.handles(path)) {
        exchange.handle(request, response, path);
      } else if (backChannelLogout != null && backChannelLogout.handles(path)) {
        backChannelLogout.handle(request, response);
      } else {
        passThrough(request, response, chain, path);
      }
    } catch (SessionStoreUnavailableException e) {
      // From a handler, or from the app calling QfUserContext.api() without catching it: a 503
      // page or JSON answer rather than the container's 500. Cookies are left as they were, so
      // the same request works once the store is back (a sign-out is tried again, not lost).
      storeUnavailable(request, response, e);
    }
  }

  private void storeUnavailable(
      HttpServletRequest request, HttpServletResponse response, SessionStoreUnavailableException e)
      throws IOException {
    long heldBack = storeWarnings.admit();
    if (heldBack >= 0) {
      LOG.log(
          Level.WARNING,
          "Answered 503 to {0}: {1} ({2} more since the last such warning, not logged)",
          request.getRequestURI(),
          e.getMessage(),
          heldBack);
    }
    if (!response.isCommitted()) {
      response.setHeader("Retry-After", STORE_RETRY_AFTER_SECONDS);
      Responses.error(request, response, e, null);
    }
  }

  /**
   * The decoded, normalised path inside the web app, as the container resolved it for dispatch. The
   * raw request URI would let {@code /%70rivate} or {@code /public/../private} slip past the
   * protected-path patterns while the container still serves the protected resource.
   */
  static String pathOf(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  /**
   * Whether context path + {@code path} is the redirect URI's path, without building the string.
   */
  private boolean isCallback(String contextPath, String path) {
    return callbackPath.length() == contextPath.length() + path.length()
        && callbackPath.startsWith(contextPath)
        && callbackPath.endsWith(path);
  }

  /** Every other request: attach the user when signed in; protected paths require it. */
  private void passThrough(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
      throws IOException, ServletException {
    String handle = cookies.sessionHandle(request);
    if (handle == Cookies.REPEATED) {
      cookies.refuseRepeated(
          request, response, request.getContextPath() + parts.config().loginPath());
      return;
    }
    ActiveSessions sessions = parts.sessions();
    // One clock read for the idle, maximum, refresh and slide checks of a signed-in request; none
    // for a visitor without a session cookie.
    long now = handle == null ? 0 : sessions.now();
    Optional<QfSession> session;
    try {
      session = handle == null ? Optional.empty() : sessions.activeSession(handle, now);
    } catch (SessionStoreUnavailableException e) {
      if (protectedPaths.matches(path)) {
        throw e;
      }
      // A public page stays up while the store is down, served as to a signed-out visitor; the
      // cookie is kept, so the user is signed in again once the store answers.
      chain.doFilter(request, response);
      return;
    }
    if (session.isEmpty()) {
      if (handle != null) {
        cookies.clear(request, response, cookies.session());
      }
      if (protectedPaths.matches(path)) {
        requireLogin(request, response);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    // Sliding idle timeout: re-issued only once a tenth of the idle window has passed, not on every
    // request (a Set-Cookie and a store write per request would cost the hot path).
    Duration cookieLifetime;
    try {
      cookieLifetime = sessions.slideIdleWindow(handle, session.get(), now);
    } catch (SessionStoreUnavailableException e) {
      cookieLifetime = null; // the window slides on a later request
    }
    if (cookieLifetime != null) {
      cookies.set(request, response, cookies.session(), handle, cookieLifetime);
    }
    QfUserContext context =
        new QfUserContext(parts.config().environment(), session.get(), parts.apiClients(), handle);
    request.setAttribute(QfUserContext.REQUEST_ATTRIBUTE, context);
    QfUserContext outer = QfUserContext.bind(context);
    try {
      chain.doFilter(new SignedInRequest(request, context.sub()), response);
    } finally {
      // After a nested (FORWARD/INCLUDE) dispatch the outer request gets its own context back.
      QfUserContext.restore(outer);
      if (outer != null) {
        request.setAttribute(QfUserContext.REQUEST_ATTRIBUTE, outer);
      }
    }
  }

  private void requireLogin(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String loginUrl = request.getContextPath() + parts.config().loginPath();
    boolean navigation = "GET".equals(request.getMethod()) && !Responses.wantsJson(request);
    if (!navigation) {
      Responses.error(
          request,
          response,
          new QfAuthException(QfErrorCode.LOGIN_REQUIRED, "Sign-in required."),
          loginUrl);
      return;
    }
    String here = request.getRequestURI().substring(request.getContextPath().length());
    if (request.getQueryString() != null) {
      here += "?" + request.getQueryString();
    }
    Responses.redirect(
        response,
        loginUrl
            + "?returnTo="
            + URLEncoder.encode(ReturnTo.sanitize(here), StandardCharsets.UTF_8));
  }

  /**
   * Sign-ins started and not yet completed, for tests and measurements in this package (a running
   * filter only).
   */
  long pendingLogins() {
    return parts.signIns().pending();
  }

  /**
   * Container threads waiting on QF's token endpoint right now: the share of the
   * QF_MAX_CONCURRENT_TOKEN_CALLS bulkhead in use. For tests and measurements in this package.
   */
  int tokenCallsInFlight() {
    return parts.tokenCallsInFlight();
  }

  @Override
  public void destroy() {
    if (parts != null) {
      parts.close();
    }
  }
}
