package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /login}: starts a sign-in and redirects to QF's authorization endpoint. */
record LoginHandler(QfAuthConfig config, SignIns signIns, Cookies cookies) {

  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String loginUrl = request.getContextPath() + config.loginPath();
    Cookies.Jar jar = cookies.read(request);
    if (jar.repeated()) {
      cookies.refuseRepeated(request, response, loginUrl);
      return;
    }
    String returnTo = ReturnTo.sanitize(ReturnTo.fromQuery(request.getQueryString()));
    // One binding cookie per browser, shared by its tabs, so parallel sign-ins all complete.
    String browser = jar.browser();
    if (browser == null) {
      browser = Randoms.token();
    }
    String authorization;
    try {
      // After an explicit sign-out the QF session may still be alive: without prompt=login QF
      // would sign the same user straight back in (OIDC Core 3.1.2.1).
      authorization = signIns.begin(browser, returnTo, cookies.signedOut(request));
    } catch (QfAuthException e) {
      Responses.error(request, response, e, loginUrl);
      return;
    }
    cookies.set(request, response, cookies.browser(), browser, config.loginTimeout());
    Responses.redirect(response, authorization);
  }
}
