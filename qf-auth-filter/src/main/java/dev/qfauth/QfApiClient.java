package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qfauth.api.ActivityDays;
import dev.qfauth.api.Bookmark;
import dev.qfauth.api.BookmarkCollection;
import dev.qfauth.api.BookmarkCollections;
import dev.qfauth.api.BookmarkQuery;
import dev.qfauth.api.BookmarkType;
import dev.qfauth.api.Bookmarks;
import dev.qfauth.api.Goals;
import dev.qfauth.api.Mushaf;
import dev.qfauth.api.Notes;
import dev.qfauth.api.PageRequest;
import dev.qfauth.api.Preferences;
import dev.qfauth.api.Profile;
import dev.qfauth.api.ReadingSessions;
import dev.qfauth.api.Streaks;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls Quran.Foundation User APIs as the signed-in user. Every request carries {@code
 * x-auth-token} and {@code x-client-id}; the token is refreshed shortly before it expires, and on a
 * 401 the client refreshes once and retries once (never loops). The typed families ({@link
 * #bookmarks()}, {@link #collections()}, ...) cover every operation under {@code /auth/v1} and the
 * user's own QuranReflect profile; {@link #send(QfApiRequest)} and {@code
 * get/post/put/patch/delete} reach everything else (QuranReflect posts, rooms, comments).
 *
 * <p>Failures are {@link QfApiException}s with distinct codes: {@code API_UNAUTHORIZED}, {@code
 * API_FORBIDDEN} (with {@link QfApiException#requiredScope()}; raised before sending when the
 * operation's scope was not granted), {@code API_NOT_FOUND}, {@code API_INVALID_REQUEST} (the
 * server's message, cut short and stripped of control characters), {@code API_RATE_LIMITED} (with
 * {@link QfApiException#retryAfter()}) and {@code API_ERROR}. An idempotent request (GET, PUT,
 * DELETE and the typed operations that set rather than add) is retried once on a 429 or 5xx after a
 * jittered pause, or after {@code Retry-After} when that is at most two seconds; a longer {@code
 * Retry-After} fails at once. A POST that adds or counts something is never retried: QF has no
 * idempotency key, and a retry after a lost answer would count twice.
 *
 * <p>Paths are relative to the API base, e.g. {@code /auth/v1/collections}. Bound to one session;
 * immutable and thread-safe. Obtain it from {@link QfUserContext#api()}.
 */
public final class QfApiClient {
  private static final System.Logger LOG = System.getLogger(QfApiClient.class.getName());
  private static final long MAX_RETRY_PAUSE_MILLIS = 2_000;

  private final Wiring wiring;
  private final String handle;
  private final ZoneId timeZone;
  // The scopes of the request's session snapshot (what QfUserContext.hasScope answers from), so
  // the SDK's scope check agrees with the app's and costs no store read; null: read the store.
  private final Set<String> grantedScopes;

  /**
   * What every client of one filter shares, made once by {@link FilterParts}.
   *
   * @param apiBase QF_API_BASE_URL, without a trailing slash; paths are appended to it
   * @param clientId sent as {@code x-client-id}
   * @param sessions the session policy: a fresh access token per call, one refresh after a 401
   * @param clock for {@code Retry-After} dates
   * @param timeZone QF_API_TIME_ZONE, or null
   */
  record Wiring(
      HttpCalls http,
      String apiBase,
      String clientId,
      ActiveSessions sessions,
      Clock clock,
      ZoneId timeZone) {}

  /**
   * @param handle the session this client acts for
   * @param grantedScopes the request's snapshot of the session's scopes, or null to read the store
   */
  QfApiClient(Wiring wiring, String handle, Set<String> grantedScopes) {
    this(wiring, handle, wiring.timeZone(), grantedScopes);
  }

  private QfApiClient(Wiring wiring, String handle, ZoneId timeZone, Set<String> grantedScopes) {
    this.wiring = wiring;
    this.handle = handle;
    this.timeZone = timeZone;
    this.grantedScopes = grantedScopes;
  }

  /**
   * A client for the same user that sends {@code x-timezone: zone} on the operations that accept it
   * (goals, streaks, recording an activity day), overriding {@code QF_API_TIME_ZONE}.
   */
  public QfApiClient withTimeZone(ZoneId zone) {
    return new QfApiClient(wiring, handle, Objects.requireNonNull(zone, "zone"), grantedScopes);
  }

  /** The zone sent as {@code x-timezone}, or {@code null} when none is sent. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /**
   * Collections of bookmarks: list, all items, one with its bookmarks, create, rename, delete,
   * add/remove.
   */
  public BookmarkCollections collections() {
    return new BookmarkCollections(this);
  }

  /** Bookmarks: list by type, get, save, delete, collections of a bookmark, ayah range. */
  public Bookmarks bookmarks() {
    return new Bookmarks(this);
  }

  /** Reading sessions: the user's "continue reading" locations. */
  public ReadingSessions readingSessions() {
    return new ReadingSessions(this);
  }

  /** Activity days: what the user read per day (powers streaks and goals). */
  public ActivityDays activityDays() {
    return new ActivityDays(this);
  }

  /** Goals: create, update, delete, today's plan, estimate. */
  public Goals goals() {
    return new Goals(this);
  }

  /** Streaks: the list and the current streak's days. */
  public Streaks streaks() {
    return new Streaks(this);
  }

  /** Preferences: read, set one, set several. */
  public Preferences preferences() {
    return new Preferences(this);
  }

  /** Notes, with their own cursor/limit paging. */
  public Notes notes() {
    return new Notes(this);
  }

  /** The signed-in user's own QuranReflect profile ({@code /quran-reflect/v1/users/profile}). */
  public Profile profile() {
    return new Profile(this);
  }

  /** GET {@code path}; returns the JSON body. */
  public JsonNode get(String path) {
    return send(QfApiRequest.builder("GET", path).build());
  }

  /** POST {@code body} (serialised with Jackson) to {@code path}; returns the JSON body. */
  public JsonNode post(String path, Object body) {
    return send(QfApiRequest.builder("POST", path).body(body).build());
  }

  /** PUT {@code body} to {@code path}; returns the JSON body. */
  public JsonNode put(String path, Object body) {
    return send(QfApiRequest.builder("PUT", path).body(body).build());
  }

  /** PATCH {@code body} to {@code path}; returns the JSON body. */
  public JsonNode patch(String path, Object body) {
    return send(QfApiRequest.builder("PATCH", path).body(body).build());
  }

  /** DELETE {@code path}; returns the JSON body (or an empty object). */
  public JsonNode delete(String path) {
    return send(QfApiRequest.builder("DELETE", path).build());
  }

  /** DELETE {@code path} with a JSON body (QF removes a bookmark from a collection by details). */
  public JsonNode delete(String path, Object body) {
    return send(QfApiRequest.builder("DELETE", path).body(body).build());
  }

  /**
   * One page of the user's collections ({@code collection} scope); {@code after} may be null.
   *
   * @deprecated use {@code collections().list(PageRequest.first(n).after(cursor))}
   */
  @Deprecated
  public QfPage<QfCollection> collections(int first, String after) {
    QfPage<BookmarkCollection> page = collections().list(PageRequest.first(first).after(after));
    return page.map(c -> FlatRecords.flatten(QfCollection.class, c));
  }

  /**
   * Creates a collection named {@code name} ({@code collection} scope).
   *
   * @deprecated use {@code collections().create(name)}
   */
  @Deprecated
  public QfCollection createCollection(String name) {
    return FlatRecords.flatten(QfCollection.class, collections().create(name));
  }

  /**
   * One page of the user's ayah bookmarks ({@code bookmark} scope; QF's default type).
   *
   * @param mushafId the mushaf the keys refer to (e.g. 4 = Uthmani Hafs), required by the API
   * @deprecated use {@code bookmarks().list(BookmarkQuery.of(mushaf, type), PageRequest.first(n))}
   *     or {@code bookmarks().streamEveryType(mushaf, 20, maxPages)}
   */
  @Deprecated
  public QfPage<QfBookmark> bookmarks(int mushafId, int first, String after) {
    QfPage<Bookmark> page =
        bookmarks()
            .list(
                BookmarkQuery.of(Mushaf.of(mushafId), BookmarkType.AYAH),
                PageRequest.first(first).after(after));
    return page.map(b -> FlatRecords.flatten(QfBookmark.class, b));
  }

  /**
   * Sends {@code request} as this user and returns the JSON body (an empty object for an empty
   * body).
   *
   * @throws QfApiException with {@link QfErrorCode#API_FORBIDDEN} and nothing sent when the
   *     request's {@link QfApiRequest#requiredScope()} was not granted; see the class comment for
   *     the other codes
   */
  public JsonNode send(QfApiRequest request) {
    URI uri = resolve(request);
    checkScope(request);
    String json = request.body() == null ? null : Json.write(request.body());
    QfSession session = wiring.sessions().freshSession(handle);
    HttpCalls.Reply reply = exchange(request, uri, json, session);
    if (reply.status() == 401) {
      // Guide, Step 4: refresh once, retry once, then give up (no loop).
      session = wiring.sessions().refreshAfterRejection(handle, session);
      reply = exchange(request, uri, json, session);
    }
    if (request.idempotent() && (reply.status() == 429 || reply.status() >= 500)) {
      Duration asked = retryAfter(reply);
      if (asked == null || asked.toMillis() <= MAX_RETRY_PAUSE_MILLIS) {
        pause(asked);
        reply = exchange(request, uri, json, session);
      }
      // A longer wait is the caller's to schedule: fail now with retryAfter() rather than hold a
      // request thread for as long as the server asks (Retry-After: 86400 is a day).
    }
    if (reply.ok()) {
      JsonNode parsed = Json.parseOrNull(reply.body());
      return parsed != null ? parsed : Json.MAPPER.createObjectNode();
    }
    throw failure(request, uri, reply, session);
  }

  private void checkScope(QfApiRequest request) {
    String scope = request.requiredScope();
    if (scope == null) {
      return;
    }
    // Never a refresh first: a refused call must not cost a round trip to QF.
    Set<String> granted =
        grantedScopes != null
            ? grantedScopes
            : wiring.sessions().session(handle).map(QfSession::scopes).orElse(null);
    if (granted != null && !QfUserContext.covers(granted, scope)) {
      throw QfApiException.scopeNotGranted(request.method(), request.path(), scope, granted);
    }
  }

  private HttpCalls.Reply exchange(QfApiRequest api, URI uri, String json, QfSession session) {
    HttpRequest.Builder request =
        wiring
            .http()
            .request(uri)
            .header("x-auth-token", session.accessToken().reveal())
            .header("x-client-id", wiring.clientId())
            .header("Accept", "application/json");
    if (api.sendsTimeZone() && timeZone != null) {
      request.header("x-timezone", timeZone.getId());
    }
    api.headers().forEach(request::header);
    if (json != null) {
      request.header("Content-Type", "application/json");
      request.method(api.method(), HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(api.method(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      return wiring.http().send(request.build());
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "QF API {0} {1} failed: {2}",
          api.method(),
          uri.getRawPath(),
          e.getMessage());
      throw QfApiException.unreachable(e);
    }
  }

  private QfApiException failure(
      QfApiRequest request, URI uri, HttpCalls.Reply reply, QfSession session) {
    RemoteError error =
        RemoteError.parse(reply.status(), reply.body(), List.of(session.accessToken().reveal()));
    String method = request.method();
    LOG.log(Level.WARNING, "QF API {0} {1} failed: {2}", method, uri.getRawPath(), error.summary());
    String message =
        "QF API " + method + " " + uri.getRawPath() + " failed (" + error.summary() + ")";
    int status = reply.status();
    if (status == 401) {
      return QfApiException.answered(
          QfErrorCode.API_UNAUTHORIZED, message, 401, error.error(), null);
    }
    if (status == 403) {
      String scope = request.requiredScope();
      String hint =
          "The access token was granted ["
              + String.join(" ", new java.util.TreeSet<>(session.scopes()))
              + "]; this API needs "
              + (scope == null ? "a scope it lacks" : "'" + scope + "'")
              + ". Add it to QF_SCOPES and have the user sign in again,"
              + " or hide the feature. A 403 can also mean the wrong QF_ENV.";
      return QfApiException.forbidden(message, error.error(), hint, scope);
    }
    QfErrorCode code =
        switch (status) {
          case 404 -> QfErrorCode.API_NOT_FOUND;
          case 400, 422 -> QfErrorCode.API_INVALID_REQUEST;
          case 429 -> QfErrorCode.API_RATE_LIMITED;
          default -> QfErrorCode.API_ERROR;
        };
    return QfApiException.answered(code, message, status, error.error(), retryAfter(reply));
  }

  /** Sleeps for what the server asked, or a short random pause (jitter spreads retries out). */
  private static void pause(Duration asked) {
    long millis =
        asked != null ? asked.toMillis() : 200 + ThreadLocalRandom.current().nextLong(300);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** RFC 9110 10.2.3: delay-seconds or an HTTP-date; {@code null} when absent or unreadable. */
  private Duration retryAfter(HttpCalls.Reply reply) {
    String value = reply.raw().headers().firstValue("Retry-After").orElse(null);
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    try {
      long seconds = Long.parseLong(trimmed);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration left = Duration.between(wiring.clock().instant(), at.toInstant());
        return left.isNegative() ? Duration.ZERO : left;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private URI resolve(QfApiRequest request) {
    String path = request.path();
    // Only paths: the token must never be sent to a host other than the configured API base.
    if (path == null
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.contains("\\")
        || path.contains("/../")
        || path.endsWith("/..")) {
      throw new IllegalArgumentException("path must be an absolute path like /auth/v1/collections");
    }
    StringBuilder url = new StringBuilder(wiring.apiBase()).append(path);
    char separator = path.indexOf('?') < 0 ? '?' : '&';
    for (Map.Entry<String, String> parameter : request.query().entrySet()) {
      url.append(separator)
          .append(encode(parameter.getKey()))
          .append('=')
          .append(encode(parameter.getValue()));
      separator = '&';
    }
    return URI.create(url.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
