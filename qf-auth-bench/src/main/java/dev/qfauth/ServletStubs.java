package dev.qfauth;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Just enough servlet objects to call {@link QfAuthFilter#doFilter} in a microbenchmark without a
 * container: the methods the logged-in path uses are plain fields; anything else fails loudly, so a
 * benchmark cannot silently take another path. The load benchmark measures the real container.
 */
final class ServletStubs {
  private ServletStubs() {}

  private static <T> T unsupported(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            ServletStubs.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(
                  type.getSimpleName() + "." + method.getName());
            }));
  }

  /** A GET for {@code uri} carrying {@code cookies}. */
  static final class Request extends HttpServletRequestWrapper {
    private static final HttpServletRequest NOTHING = unsupported(HttpServletRequest.class);
    private final String uri;
    private final Cookie[] cookies;
    private final List<String> cookieHeader;
    private String attributeName;
    private Object attribute;

    Request(String uri, Cookie... cookies) {
      super(NOTHING);
      this.uri = uri;
      this.cookies = cookies;
      StringJoiner header = new StringJoiner("; ");
      for (Cookie cookie : cookies) {
        header.add(cookie.getName() + "=" + cookie.getValue());
      }
      this.cookieHeader = cookies.length == 0 ? List.of() : List.of(header.toString());
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return Collections.enumeration("Cookie".equalsIgnoreCase(name) ? cookieHeader : List.of());
    }

    @Override
    public String getRequestURI() {
      return uri;
    }

    @Override
    public String getContextPath() {
      return "";
    }

    @Override
    public String getServletPath() {
      return uri;
    }

    @Override
    public String getPathInfo() {
      return null;
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public Cookie[] getCookies() {
      return cookies;
    }

    @Override
    public void setAttribute(String name, Object value) {
      attributeName = name;
      attribute = value;
    }

    @Override
    public Object getAttribute(String name) {
      return name.equals(attributeName) ? attribute : null;
    }
  }

  static HttpServletResponse response() {
    return unsupported(HttpServletResponse.class);
  }

  /**
   * A filter config whose servlet context keeps attributes (the filter publishes its store there).
   */
  static FilterConfig filterConfig(Map<String, Object> attributes) {
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                ServletStubs.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                      }
                      case "getAttribute" -> attributes.get((String) args[0]);
                      default ->
                          throw new UnsupportedOperationException(
                              "ServletContext." + method.getName());
                    });
    return (FilterConfig)
        Proxy.newProxyInstance(
            ServletStubs.class.getClassLoader(),
            new Class<?>[] {FilterConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServletContext" -> context;
                  case "getInitParameter" -> null;
                  case "getFilterName" -> "qf-auth";
                  default ->
                      throw new UnsupportedOperationException("FilterConfig." + method.getName());
                });
  }

  static Map<String, Object> attributes() {
    return new ConcurrentHashMap<>();
  }
}
