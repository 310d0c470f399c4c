package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;

/** The redirect URI: completes the sign-in, starts the session, lands on the page asked for. */
record CallbackHandler(
    QfAuthConfig config,
    SignIns signIns,
    ActiveSessions sessions,
    Logouts logouts,
    Cookies cookies,
    OpsMetrics metrics) {
  private static final System.Logger LOG = System.getLogger(CallbackHandler.class.getName());
  private static final int MAX_PARAMETER_LENGTH = 4096;

  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String loginUrl = request.getContextPath() + config.loginPath();
    if (!"GET".equals(request.getMethod())) {
      // response_mode=query only: a cross-site POST would arrive without our SameSite=Lax cookie.
      Responses.error(
          request,
          response,
          SignInException.callbackInvalid("The sign-in response must arrive as a GET."),
          loginUrl);
      return;
    }
    // Cookie tossing: with a second QF_LOGIN planted, the attacker's binding could complete the
    // attacker's sign-in in this browser (RFC 9700 4.7, login CSRF).
    Cookies.Jar jar = cookies.read(request);
    if (jar.repeated()) {
      cookies.refuseRepeated(request, response, loginUrl);
      return;
    }
    Map<String, String[]> params = request.getParameterMap();
    SignIns.Callback callback =
        new SignIns.Callback(
            first(params, "state"),
            first(params, "code"),
            first(params, "error"),
            first(params, "error_description"),
            first(params, "iss"),
            malformed(params));
    SignIns.SignedIn signedIn;
    try {
      signedIn = signIns.complete(callback, jar.browser());
      metrics.signInSucceeded();
    } catch (QfAuthException e) {
      metrics.signInFailed(e.code());
      LOG.log(Level.WARNING, "QF sign-in failed: {0} {1}", e.code(), e.getMessage());
      Responses.error(request, response, e, loginUrl);
      return;
    }
    String previous = jar.session();
    if (previous != null) {
      logouts.logout(previous); // a second sign-in in this browser replaces the first
    }
    // Session fixation: the user gets a brand-new handle, and the container session a new id.
    HttpSession containerSession = request.getSession(false);
    if (containerSession != null) {
      request.changeSessionId();
    }
    cookies.set(
        request,
        response,
        cookies.session(),
        signedIn.handle(),
        sessions.cookieLifetime(signedIn.session(), signedIn.session().signedInAt()));
    if (cookies.signedOut(request)) {
      cookies.clear(request, response, Cookies.SIGNED_OUT); // the re-authentication it asked for
    }
    Responses.redirect(response, request.getContextPath() + signedIn.returnTo());
  }

  private static String first(Map<String, String[]> params, String name) {
    String[] values = params.get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  /** Why the parameters cannot be trusted, or {@code null}. Checked after the state is consumed. */
  private static String malformed(Map<String, String[]> params) {
    for (String name : new String[] {"state", "code", "error", "error_description", "iss"}) {
      String[] values = params.get(name);
      if (values == null) {
        continue;
      }
      if (values.length > 1) {
        return "The sign-in response repeats the " + name + " parameter.";
      }
      String value = values[0];
      if (value.length() > MAX_PARAMETER_LENGTH) {
        return "The sign-in response's " + name + " parameter is too long.";
      }
      if (!"error_description".equals(name) && value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        return "The sign-in response's " + name + " parameter has characters it may not have.";
      }
    }
    return null;
  }
}
