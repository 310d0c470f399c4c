package dev.qfauth.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Set-up (d), the floor: the least any cookie-session login filter does on a signed-in request in
 * Jetty: read the cookie through the servlet API, look the session up in a map, put the user on a
 * request attribute and wrap the request for {@code getUserPrincipal()}. (b) minus (d) is what the
 * library adds beyond what the container charges for that.
 */
final class FloorFilter implements Filter {
  private final ConcurrentHashMap<String, Principal> sessions = new ConcurrentHashMap<>();

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String handle = null;
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if ("QF_SESSION".equals(c.getName())) {
          handle = c.getValue();
        }
      }
    }
    if (handle == null) {
      chain.doFilter(req, res);
      return;
    }
    Principal user = sessions.computeIfAbsent(handle, h -> () -> "floor-user");
    request.setAttribute("user", user);
    chain.doFilter(
        new HttpServletRequestWrapper(request) {
          @Override
          public Principal getUserPrincipal() {
            return user;
          }
        },
        res);
  }
}
