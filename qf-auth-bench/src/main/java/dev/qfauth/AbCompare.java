package dev.qfauth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * Before/after of the two hot-path changes, measured side by side in one JVM: each variant runs in
 * short batches, alternating, so a noisy neighbour slows both alike; the minimum batch is the
 * undisturbed cost. The "before" variants are copies of the replaced code.
 */
public final class AbCompare {
  private AbCompare() {}

  static volatile Object sink;
  private static final ThreadLocal<Object> LOCAL = new ThreadLocal<>();

  private static final Cookies PLAIN_COOKIES = new Cookies(false, false);

  public static void main(String[] args) throws Exception {
    ServletStubs.Request[] requests = new ServletStubs.Request[1024];
    for (int i = 0; i < requests.length; i++) {
      requests[i] =
          new ServletStubs.Request(
              "/hello",
              new Cookie(Cookies.BROWSER, Randoms.token()),
              new Cookie(QfAuthFilter.SESSION_COOKIE, Randoms.token()));
    }
    Object context = new Object();
    compare(
        "session cookie read + validation",
        i -> {
          sink = readBefore(requests[i & 1023], Cookies.SESSION);
          return i;
        },
        i -> {
          sink = PLAIN_COOKIES.sessionHandle(requests[i & 1023]);
          return i;
        });
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId("bench-client")
            .redirectUri(java.net.URI.create("https://app.example/callback"))
            .build();
    String fixed =
        "response_type=code&client_id="
            + TokenEndpoint.form(config.clientId())
            + "&redirect_uri="
            + TokenEndpoint.form(config.redirectUri().toString())
            + "&scope="
            + TokenEndpoint.form(String.join(" ", config.scopes())).replace("+", "%20");
    String base = "https://prelive-oauth2.quran.foundation/oauth2/auth";
    String[] tokens = new String[1024];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = Randoms.token();
    }
    compare(
        "login URL: query, parse, state tag",
        i -> {
          sink =
              loginUrlBefore(
                  config, base, tokens[i & 1023], tokens[(i + 1) & 1023], tokens[(i + 2) & 1023]);
          return i;
        },
        i -> {
          sink =
              loginUrlAfter(
                  fixed, base, tokens[i & 1023], tokens[(i + 1) & 1023], tokens[(i + 2) & 1023]);
          return i;
        });
    compare(
        "S256 code challenge: MessageDigest.getInstance vs clone of a prototype",
        i -> {
          sink =
              sha256()
                  .digest(tokens[i & 1023].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          return i;
        },
        i -> {
          try {
            sink =
                ((java.security.MessageDigest) SHA_256.clone())
                    .digest(tokens[i & 1023].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
          }
          return i;
        });
    compare(
        "thread-bound user context, bind + unbind",
        i -> {
          LOCAL.set(context);
          sink = LOCAL.get();
          LOCAL.remove();
          return i;
        },
        i -> {
          LOCAL.set(context);
          sink = LOCAL.get();
          LOCAL.set(null);
          return i;
        });
  }

  static final java.security.MessageDigest SHA_256 = sha256();

  static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The login URL before the change: query encoded per call, StringJoiner, URI.create, eager tag.
   */
  static Object loginUrlBefore(
      QfAuthConfig config, String base, String state, String nonce, String challenge) {
    java.util.StringJoiner query = new java.util.StringJoiner("&");
    query.add("response_type=code");
    query.add("client_id=" + TokenEndpoint.form(config.clientId()));
    query.add("redirect_uri=" + TokenEndpoint.form(config.redirectUri().toString()));
    query.add("scope=" + TokenEndpoint.form(String.join(" ", config.scopes())).replace("+", "%20"));
    query.add("state=" + state);
    query.add("nonce=" + nonce);
    query.add("code_challenge=" + challenge);
    query.add("code_challenge_method=S256");
    sink = Redaction.tag(state); // computed for a DEBUG log line even when DEBUG is off
    return java.net.URI.create(base + (base.contains("?") ? "&" : "?") + query);
  }

  /**
   * After: the fixed part encoded once, plain concatenation, no URI parse, the tag only for DEBUG.
   */
  static Object loginUrlAfter(
      String fixed, String base, String state, String nonce, String challenge) {
    return base
        + (base.contains("?") ? "&" : "?")
        + fixed
        + "&state="
        + state
        + "&nonce="
        + nonce
        + "&code_challenge="
        + challenge
        + "&code_challenge_method=S256";
  }

  /** Cookies.read before the change: validation through a chars() stream. */
  static String readBefore(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        String value = cookie.getValue();
        return value != null && value.length() == 43 && value.chars().allMatch(Cookies::base64url)
            ? value
            : null;
      }
    }
    return null;
  }

  private static void compare(String what, IntUnaryOperator before, IntUnaryOperator after) {
    int batches = 30;
    double[] b = new double[batches];
    double[] a = new double[batches];
    for (int round = -10; round < batches; round++) { // 10 warm-up rounds
      double nb = batch(before);
      double na = batch(after);
      if (round >= 0) {
        b[round] = nb;
        a[round] = na;
      }
    }
    Arrays.sort(b);
    Arrays.sort(a);
    System.out.printf(
        Locale.ROOT,
        "%s: before %.1f ns (median %.1f), after %.1f ns (median %.1f) per call;"
            + " minimum of %d alternating 100 ms batches%n",
        what,
        b[0],
        b[batches / 2],
        a[0],
        a[batches / 2],
        batches);
  }

  private static double batch(IntUnaryOperator op) {
    long ops = 0;
    long start = System.nanoTime();
    long end = start + 100_000_000L;
    long now;
    int i = 0;
    do {
      for (int k = 0; k < 1000; k++) {
        i = op.applyAsInt(i) + 1;
      }
      ops += 1000;
      now = System.nanoTime();
    } while (now < end);
    return (double) (now - start) / ops;
  }
}
