package dev.qfauth.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qfauth.QfUserContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code /me}: the signed-in user's {@link QfUserContext} as JSON: sub, the container's {@code
 * getRemoteUser()} and {@code getUserPrincipal()} name, {@code isSecure()}, environment, scopes,
 * ID-token claims and when the access token expires. Never the tokens themselves.
 */
public final class MeServlet extends HttpServlet {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<QfUserContext> user = QfUserContext.current(request);
    Map<String, Object> body = new LinkedHashMap<>();
    int status;
    if (user.isPresent()) {
      QfUserContext u = user.get();
      body.put("sub", u.sub());
      // What container-style code sees: the filter makes both the sub.
      body.put("remoteUser", request.getRemoteUser());
      body.put(
          "userPrincipal",
          request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
      // True behind a TLS proxy only when the container was told about it (RemoteIpValve, ...).
      body.put("requestSecure", request.isSecure());
      body.put("environment", u.environment().id());
      body.put("scopes", new TreeSet<>(u.scopes()));
      body.put("claims", new TreeMap<>(u.claims()));
      body.put("accessTokenExpiresAt", u.accessTokenExpiresAt().toString());
      status = HttpServletResponse.SC_OK;
    } else {
      // Only reachable when web.xml stops protecting /me.
      body.put("error", "login_required");
      status = HttpServletResponse.SC_UNAUTHORIZED;
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    JSON.writerWithDefaultPrettyPrinter().writeValue(response.getWriter(), body);
  }
}
