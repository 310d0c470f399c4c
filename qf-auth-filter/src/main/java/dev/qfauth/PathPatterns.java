package dev.qfauth;

import java.util.List;

/**
 * Servlet-style path patterns: {@code /exact}, {@code /prefix/*}, {@code *.ext} and {@code /*}.
 * Matched against the path inside the web app (request URI minus context path).
 */
final class PathPatterns {
  private final List<String> patterns;
  private final boolean everything;

  PathPatterns(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    this.everything = patterns.contains("/*");
  }

  static void validate(String setting, String pattern) {
    boolean ok =
        pattern.startsWith("/") && (!pattern.contains("*") || pattern.endsWith("/*"))
            || pattern.startsWith("*.") && pattern.indexOf('*', 1) < 0;
    if (!ok || pattern.indexOf('*') != pattern.lastIndexOf('*')) {
      throw new QfConfigException(
          setting + " pattern '" + pattern + "' is invalid: use /exact, /prefix/*, *.ext or /*");
    }
  }

  boolean matches(String path) {
    if (everything) {
      return true;
    }
    for (String p : patterns) {
      if (p.endsWith("/*")) {
        String prefix = p.substring(0, p.length() - 2);
        if (path.equals(prefix) || path.startsWith(prefix + "/")) {
          return true;
        }
      } else if (p.startsWith("*.")) {
        if (path.endsWith(p.substring(1))) {
          return true;
        }
      } else if (path.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
