package dev.qfauth.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} parameter list (a query string or a POST body). */
final class Form {
  private final Map<String, List<String>> values;

  private Form(Map<String, List<String>> values) {
    this.values = values;
  }

  static Form empty() {
    return new Form(Map.of());
  }

  /**
   * Parses a raw form. '+' decodes to a space, as browsers and {@code URLSearchParams} encode it.
   *
   * @throws IllegalArgumentException on a malformed percent escape
   */
  static Form parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return empty();
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return new Form(Collections.unmodifiableMap(values));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /**
   * The first value of {@code name}, or null when it is absent or empty (as Go's {@code Form.Get}).
   */
  String get(String name) {
    List<String> list = values.get(name);
    if (list == null || list.isEmpty() || list.get(0).isEmpty()) {
      return null;
    }
    return list.get(0);
  }

  boolean has(String name) {
    return get(name) != null;
  }

  Map<String, String> firstValues() {
    Map<String, String> first = new LinkedHashMap<>();
    values.forEach((name, list) -> first.put(name, list.isEmpty() ? "" : list.get(0)));
    return first;
  }
}
