package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST {QF_BACKCHANNEL_LOGOUT_PATH}} with a form-encoded {@code logout_token} (OIDC
 * Back-Channel Logout 1.0 2.5). Answers as 2.8 asks: 200 when the sessions ended, 400 with an OAuth
 * 2.0 style JSON error otherwise, always {@code Cache-Control: no-store}. No cookie is read or set:
 * the caller is QF's server, not a browser.
 */
record BackChannelLogoutHandler(BackChannelLogout logout, String path) {

  boolean handles(String requestPath) {
    return requestPath.equals(path);
  }

  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Responses.noStore(response);
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      answer(response, 405, "invalid_request", "The back-channel logout endpoint takes POST only.");
      return;
    }
    String type = request.getContentType();
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      answer(
          response,
          400,
          "invalid_request",
          "Send logout_token as application/x-www-form-urlencoded (Back-Channel Logout 2.5).");
      return;
    }
    String[] tokens = request.getParameterValues("logout_token");
    try {
      if (tokens != null && tokens.length > 1) {
        throw new QfAuthException(QfErrorCode.BAD_REQUEST, "logout_token is repeated.");
      }
      logout.logOut(tokens == null ? null : tokens[0]);
      response.setStatus(200);
    } catch (SessionStoreUnavailableException e) {
      // 2.8: "If the logout failed, the RP MUST respond with 400".
      answer(response, 400, "temporarily_unavailable", e.getMessage());
    } catch (QfAuthException e) {
      answer(
          response,
          400,
          e.code() == QfErrorCode.PROVIDER_UNAVAILABLE
              ? "temporarily_unavailable"
              : "invalid_request",
          e.getMessage());
    }
  }

  private static void answer(
      HttpServletResponse response, int status, String error, String description)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Json.write(body));
  }
}
