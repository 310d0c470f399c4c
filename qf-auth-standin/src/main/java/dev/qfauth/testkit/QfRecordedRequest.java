package dev.qfauth.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One HTTP request the stand-in received, kept so tests can check what the client sent. The
 * accessors return the raw values (a test may need to compare a header); {@link #toString()}
 * redacts credentials, tokens, codes and verifiers so a failing assertion never prints them.
 *
 * <p>Immutable and thread-safe.
 */
public final class QfRecordedRequest {
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-auth-token");

  /** The secrets the ledger tracks, and three a stand-in never hands out but a client may send. */
  private static final Set<String> SECRET_PARAMETERS =
      Stream.concat(
              SecretLedger.SECRET_PARAMETERS.stream(),
              Stream.of("client_assertion", "password", "login_challenge"))
          .collect(Collectors.toUnmodifiableSet());

  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final Map<String, String> parameters;
  private final String body;

  QfRecordedRequest(
      String method,
      String path,
      Map<String, List<String>> headers,
      Map<String, String> parameters,
      String body) {
    this.method = method;
    this.path = path;
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            lower
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    this.headers = Collections.unmodifiableMap(lower);
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.body = body == null ? "" : body;
  }

  /** The HTTP method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** The request path without the query string, e.g. {@code /oauth2/token}. */
  public String path() {
    return path;
  }

  /** The first value of a header, matched case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** All headers, names in lower case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** A form-body or query parameter (the first value; the body wins over the query). */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** All form-body and query parameters, first value of each. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** The raw request body, empty when there was none. */
  public String body() {
    return body;
  }

  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder("QfRecordedRequest[").append(method).append(' ').append(path);
    out.append(", parameters={");
    appendRedacted(out, parameters, SECRET_PARAMETERS);
    out.append("}, headers={");
    Map<String, String> firstHeaders = new LinkedHashMap<>();
    headers.forEach((name, values) -> firstHeaders.put(name, String.join(",", values)));
    appendRedacted(out, firstHeaders, SECRET_HEADERS);
    return out.append("}, body=").append(body.length()).append(" chars]").toString();
  }

  private static void appendRedacted(
      StringBuilder out, Map<String, String> map, Set<String> secret) {
    String separator = "";
    for (Map.Entry<String, String> entry : map.entrySet()) {
      boolean hidden = secret.contains(entry.getKey().toLowerCase(Locale.ROOT));
      out.append(separator)
          .append(entry.getKey())
          .append('=')
          .append(hidden ? "***" : entry.getValue());
      separator = ", ";
    }
  }
}
