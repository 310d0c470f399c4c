package dev.qfauth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One User API call for {@link QfApiClient#send(QfApiRequest)}: method, path under the API base,
 * query, JSON body, extra headers, and what the client must know to send it safely (the scope it
 * needs, whether it may be retried, whether it takes {@code x-timezone}). Immutable; build with
 * {@link #builder(String, String)}.
 *
 * <pre>{@code
 * JsonNode feed = api.send(QfApiRequest.builder("GET", "/quran-reflect/v1/posts/feed")
 *     .query("page", 1).query("limit", 10).requiredScope("post.read").build());
 * }</pre>
 */
public final class QfApiRequest {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** Headers the client sets itself: a caller may not replace the token or the framing. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "x-auth-token",
          "x-client-id",
          "x-timezone",
          "authorization",
          "cookie",
          "host",
          "content-length",
          "content-type",
          "accept",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding");

  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final Object body;
  private final Map<String, String> headers;
  private final String requiredScope;
  private final boolean idempotent;
  private final boolean timeZone;

  private QfApiRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
    this.body = b.body;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.requiredScope = b.requiredScope;
    this.idempotent =
        b.idempotent != null ? b.idempotent : !"POST".equals(method) && !"PATCH".equals(method);
    this.timeZone = b.timeZone;
  }

  /**
   * A request builder.
   *
   * @param method GET, POST, PUT, PATCH or DELETE
   * @param path an absolute path under the API base, e.g. {@code /auth/v1/collections}; encode path
   *     segments yourself
   */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** Query parameters in the order they were added, not yet encoded. */
  public Map<String, String> query() {
    return query;
  }

  /** The body, serialised with Jackson, or {@code null} for none. */
  public Object body() {
    return body;
  }

  /** Extra headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The scope checked before sending, or {@code null} for no check. */
  public String requiredScope() {
    return requiredScope;
  }

  /**
   * True when sending it twice does what sending it once does: such a request is retried once on a
   * 429 or 5xx. By default GET, PUT and DELETE are; POST and PATCH are not.
   */
  public boolean idempotent() {
    return idempotent;
  }

  /** True when the client adds {@code x-timezone} (if it has a zone). */
  public boolean sendsTimeZone() {
    return timeZone;
  }

  /** Builds a {@link QfApiRequest}; not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Object body;
    private String requiredScope;
    private Boolean idempotent;
    private boolean timeZone;

    private Builder(String method, String path) {
      String upper = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
      if (!METHODS.contains(upper)) {
        throw new IllegalArgumentException("method must be one of " + METHODS + ", got " + method);
      }
      this.method = upper;
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Adds {@code name=value} ({@code toString()} of the value); a {@code null} value is skipped.
     */
    public Builder query(String name, Object value) {
      if (value != null) {
        query.put(Objects.requireNonNull(name, "name"), value.toString());
      }
      return this;
    }

    /** The JSON body (any Jackson-serialisable value), on any method. */
    public Builder body(Object body) {
      this.body = body;
      return this;
    }

    /**
     * An extra header. The client's own ({@code x-auth-token}, {@code x-client-id}, {@code
     * x-timezone}, {@code Authorization}, {@code Cookie}, {@code Content-Type}, framing headers)
     * are refused.
     */
    public Builder header(String name, String value) {
      String lower = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.contains(lower) || lower.isBlank()) {
        throw new IllegalArgumentException(
            "header "
                + Redaction.printable(name, 40)
                + " is set by the client and cannot be added");
      }
      headers.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Refuse to send, with {@link QfErrorCode#API_FORBIDDEN}, unless {@code scope} was granted. */
    public Builder requiredScope(String scope) {
      this.requiredScope = scope;
      return this;
    }

    /** Overrides the method's default: see {@link QfApiRequest#idempotent()}. */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /** Sends {@code x-timezone} when the client has a zone. */
    public Builder sendTimeZone(boolean sendTimeZone) {
      this.timeZone = sendTimeZone;
      return this;
    }

    public QfApiRequest build() {
      return new QfApiRequest(this);
    }
  }
}
