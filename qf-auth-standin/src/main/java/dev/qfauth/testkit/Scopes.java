package dev.qfauth.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Space-separated OAuth scope lists, with QF's rule that a parent scope covers its children. */
final class Scopes {
  private Scopes() {}

  static List<String> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : raw.trim().split(" +")) {
      scopes.add(scope);
    }
    return List.copyOf(scopes);
  }

  /**
   * True when {@code owned} holds {@code scope} or a dot-parent of it (QF: "collection" covers
   * "collection.read").
   */
  static boolean covers(Collection<String> owned, String scope) {
    String candidate = scope;
    while (true) {
      if (owned.contains(candidate)) {
        return true;
      }
      int dot = candidate.lastIndexOf('.');
      if (dot < 0) {
        return false;
      }
      candidate = candidate.substring(0, dot);
    }
  }

  static List<String> coveredBy(Collection<String> requested, Collection<String> owned) {
    List<String> result = new ArrayList<>();
    for (String scope : requested) {
      if (covers(owned, scope)) {
        result.add(scope);
      }
    }
    return result;
  }

  static String join(Collection<String> scopes) {
    return String.join(" ", scopes);
  }
}
