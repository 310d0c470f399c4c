package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Calls Quran.Foundation User APIs as the signed-in user. Every request carries {@code
 * x-auth-token} and {@code x-client-id}; the token is refreshed shortly before it expires, and on a
 * 401 the client refreshes once and retries once (never loops). A 403 raises {@link QfApiException}
 * naming the scope problem; a 429 or 5xx on a GET is retried once after a short, jittered pause.
 *
 * <p>Paths are relative to the API base, e.g. {@code /auth/v1/collections}. Bound to one session;
 * thread-safe. Obtain it from {@link QfUserContext#api()}.
 */
public final class QfApiClient {
  private static final System.Logger LOG = System.getLogger(QfApiClient.class.getName());
  private static final long MAX_RETRY_PAUSE_MILLIS = 2_000;

  private final HttpCalls http;
  private final String apiBase;
  private final String clientId;
  private final ActiveSessions sessions;
  private final String handle;

  /**
   * @param apiBase QF_API_BASE_URL, without a trailing slash; paths are appended to it
   * @param clientId sent as {@code x-client-id}
   * @param sessions the session policy: a fresh access token per call, one refresh after a 401
   * @param handle the session this client acts for
   */
  QfApiClient(
      HttpCalls http, String apiBase, String clientId, ActiveSessions sessions, String handle) {
    this.http = http;
    this.apiBase = apiBase;
    this.clientId = clientId;
    this.sessions = sessions;
    this.handle = handle;
  }

  /** GET {@code path}; returns the JSON body. */
  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  /** POST {@code body} (serialised with Jackson) to {@code path}; returns the JSON body. */
  public JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  /** DELETE {@code path}; returns the JSON body (or an empty object). */
  public JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /** One page of the user's collections ({@code collection} scope); {@code after} may be null. */
  public QfPage<QfCollection> collections(int first, String after) {
    return page("/auth/v1/collections", Map.of(), first, after, QfCollection::from);
  }

  /** Creates a collection named {@code name} ({@code collection} scope). */
  public QfCollection createCollection(String name) {
    JsonNode body = post("/auth/v1/collections", Map.of("name", name));
    return QfCollection.from(body.path("data"));
  }

  /**
   * One page of the user's bookmarks ({@code bookmark} scope).
   *
   * @param mushafId the mushaf the keys refer to (e.g. 4 = Uthmani Hafs), required by the API
   */
  public QfPage<QfBookmark> bookmarks(int mushafId, int first, String after) {
    return page(
        "/auth/v1/bookmarks",
        Map.of("mushafId", String.valueOf(mushafId)),
        first,
        after,
        QfBookmark::from);
  }

  private <T> QfPage<T> page(
      String path,
      Map<String, String> query,
      int first,
      String after,
      Function<JsonNode, T> mapper) {
    if (first < 1 || first > 20) {
      throw new IllegalArgumentException(
          "first must be 1..20 (the API's page limit), got " + first);
    }
    StringBuilder url = new StringBuilder(path).append("?first=").append(first);
    query.forEach((k, v) -> url.append('&').append(k).append('=').append(encode(v)));
    if (after != null) {
      url.append("&after=").append(encode(after));
    }
    JsonNode body = get(url.toString());
    List<T> items = new ArrayList<>();
    body.path("data").forEach(item -> items.add(mapper.apply(item)));
    JsonNode pagination = body.path("pagination");
    return new QfPage<>(
        items, Json.text(pagination, "endCursor"), pagination.path("hasNextPage").asBoolean(false));
  }

  private JsonNode send(String method, String path, Object body) {
    URI uri = resolve(path);
    String json = body == null ? null : Json.write(body);
    QfSession session = sessions.freshSession(handle);
    HttpCalls.Reply reply = exchange(method, uri, json, session);
    if (reply.status() == 401) {
      // Guide, Step 4: refresh once, retry once, then give up (no loop).
      session = sessions.refreshAfterRejection(handle, session);
      reply = exchange(method, uri, json, session);
    }
    if (("GET".equals(method)) && (reply.status() == 429 || reply.status() >= 500)) {
      pause(reply);
      reply = exchange(method, uri, json, session);
    }
    if (reply.ok()) {
      JsonNode parsed = Json.parseOrNull(reply.body());
      return parsed != null ? parsed : Json.MAPPER.createObjectNode();
    }
    throw failure(method, uri, reply, session);
  }

  private HttpCalls.Reply exchange(String method, URI uri, String json, QfSession session) {
    HttpRequest.Builder request =
        http.request(uri)
            .header("x-auth-token", session.accessToken().reveal())
            .header("x-client-id", clientId)
            .header("Accept", "application/json");
    if (json != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(request.build());
    } catch (IOException e) {
      LOG.log(
          Level.WARNING, "QF API {0} {1} failed: {2}", method, uri.getRawPath(), e.getMessage());
      throw new QfApiException(
          QfErrorCode.API_ERROR,
          "The Quran.Foundation API could not be reached (" + e.getMessage() + ")",
          0,
          null,
          null,
          e);
    }
  }

  private QfApiException failure(String method, URI uri, HttpCalls.Reply reply, QfSession session) {
    RemoteError error =
        RemoteError.parse(reply.status(), reply.body(), List.of(session.accessToken().reveal()));
    LOG.log(Level.WARNING, "QF API {0} {1} failed: {2}", method, uri.getRawPath(), error.summary());
    String message =
        "QF API " + method + " " + uri.getRawPath() + " failed (" + error.summary() + ")";
    if (reply.status() == 401) {
      return new QfApiException(
          QfErrorCode.API_UNAUTHORIZED, message, 401, error.error(), null, null);
    }
    if (reply.status() == 403) {
      String hint =
          "The access token was granted ["
              + String.join(" ", new java.util.TreeSet<>(session.scopes()))
              + "]; this API needs a scope it lacks. Add it to QF_SCOPES and have the user sign in again,"
              + " or hide the feature. A 403 can also mean the wrong QF_ENV.";
      return new QfApiException(QfErrorCode.API_FORBIDDEN, message, 403, error.error(), hint, null);
    }
    return new QfApiException(
        QfErrorCode.API_ERROR, message, reply.status(), error.error(), null, null);
  }

  private static void pause(HttpCalls.Reply reply) {
    long millis = 200 + ThreadLocalRandom.current().nextLong(300);
    String retryAfter = reply.raw().headers().firstValue("Retry-After").orElse(null);
    if (retryAfter != null) {
      try {
        millis = Math.min(MAX_RETRY_PAUSE_MILLIS, Long.parseLong(retryAfter.trim()) * 1000);
      } catch (NumberFormatException ignored) {
        // an HTTP-date: keep the short default pause
      }
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private URI resolve(String path) {
    // Only paths: the token must never be sent to a host other than the configured API base.
    if (path == null
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.contains("\\")
        || path.contains("/../")
        || path.endsWith("/..")) {
      throw new IllegalArgumentException("path must be an absolute path like /auth/v1/collections");
    }
    return URI.create(apiBase + path);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
