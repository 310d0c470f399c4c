package dev.qfauth;

import jakarta.servlet.ServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in Quran.Foundation user of the current request: who they are ({@link #sub()}), what
 * they granted ({@link #scopes()}), their ID-token claims, and an authenticated {@link #api()}
 * client. {@link QfAuthFilter} puts it on the request; read it with {@link
 * #current(ServletRequest)} or, on the request's own thread, {@link #current()}.
 *
 * <p>Immutable snapshot of the session when the request arrived; the API client always uses the
 * session's latest tokens. Thread-safe.
 */
public final class QfUserContext {
  /** The request attribute under which the filter stores the context. */
  public static final String REQUEST_ATTRIBUTE = QfUserContext.class.getName();

  private static final ThreadLocal<QfUserContext> CURRENT = new ThreadLocal<>();

  private final QfEnvironment environment;
  private final QfSession session;
  private final QfApiClient.Wiring apiClients;
  private final String handle;
  // Both made on first use: most requests read neither (qf-auth-bench HotPathBenchmark), and a
  // session that keeps its ID token reads the claims back from it. A race only repeats the work.
  private QfApiClient api;
  private Map<String, Object> claims;

  QfUserContext(
      QfEnvironment environment, QfSession session, QfApiClient.Wiring apiClients, String handle) {
    this.environment = environment;
    this.session = session;
    this.apiClients = apiClients;
    this.handle = handle;
  }

  /** The signed-in user of {@code request}, if any. */
  public static Optional<QfUserContext> current(ServletRequest request) {
    Object value = request.getAttribute(REQUEST_ATTRIBUTE);
    return value instanceof QfUserContext context ? Optional.of(context) : Optional.empty();
  }

  /**
   * The signed-in user of the request this thread is serving, if any. Set by the filter for the
   * duration of the request on the request's thread; use {@link #current(ServletRequest)} from
   * async code.
   */
  public static Optional<QfUserContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * Binds {@code context} to this thread and returns what was bound before: a FORWARD or INCLUDE
   * dispatch runs the filter again inside the outer request, which must get its user back.
   */
  static QfUserContext bind(QfUserContext context) {
    QfUserContext previous = CURRENT.get();
    CURRENT.set(context);
    return previous;
  }

  /** Puts back what {@link #bind} returned ({@code null} at the end of the outer request). */
  static void restore(QfUserContext previous) {
    // set(null), not remove(): remove() clears the map entry's WeakReference, a native call that
    // was the largest single cost of a signed-in request (qf-auth-bench HotPathBenchmark, JDK 17).
    // The entry left behind holds neither user data nor an application class.
    CURRENT.set(previous);
  }

  /** The user's stable Quran.Foundation id: use it as the key for your own records. */
  public String sub() {
    return session.sub();
  }

  public QfEnvironment environment() {
    return environment;
  }

  /** The scopes the provider granted (may be fewer than requested). */
  public Set<String> scopes() {
    return session.scopes();
  }

  /**
   * True when {@code scope} was granted, directly or through its parent ({@code collection}
   * authorises {@code collection.read}).
   */
  public boolean hasScope(String scope) {
    return covers(session.scopes(), scope);
  }

  /** True when {@code granted} holds {@code scope} or one of its parents. */
  static boolean covers(Set<String> granted, String scope) {
    if (granted.contains(scope)) {
      return true;
    }
    for (int dot = scope.lastIndexOf('.'); dot > 0; dot = scope.lastIndexOf('.', dot - 1)) {
      if (granted.contains(scope.substring(0, dot))) {
        return true;
      }
    }
    return false;
  }

  /** The verified ID-token claims (without protocol claims such as nonce). */
  public Map<String, Object> claims() {
    Map<String, Object> read = claims;
    if (read == null) {
      read = session.claims();
      claims = read;
    }
    return read;
  }

  /** One claim as text, if present and not blank. */
  public Optional<String> claim(String name) {
    Object value = claims().get(name);
    return value == null || value.toString().isBlank()
        ? Optional.empty()
        : Optional.of(value.toString());
  }

  /** The {@code email} claim, when the user granted it. */
  public Optional<String> email() {
    return claim("email");
  }

  /** The {@code name} claim, or first and last name joined, when granted. */
  public Optional<String> name() {
    Optional<String> name = claim("name");
    if (name.isPresent()) {
      return name;
    }
    String joined = (claim("first_name").orElse("") + " " + claim("last_name").orElse("")).trim();
    return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
  }

  /** The {@code first_name} claim, when granted. */
  public Optional<String> firstName() {
    return claim("first_name");
  }

  /** When the access token this request started with expires. */
  public Instant accessTokenExpiresAt() {
    return session.accessTokenExpiresAt();
  }

  /**
   * A client for the User APIs acting as this user: the typed families ({@code bookmarks()}, {@code
   * collections()}, {@code goals()}, ...) and the raw {@code send}/{@code get}/{@code post}/...
   */
  public QfApiClient api() {
    QfApiClient client = api;
    if (client == null) {
      client = new QfApiClient(apiClients, handle, session.scopes());
      api = client;
    }
    return client;
  }

  @Override
  public String toString() {
    return "QfUserContext{sub=" + sub() + ", env=" + environment + ", scopes=" + scopes() + "}";
  }
}
