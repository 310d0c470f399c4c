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

  public static void main(String[] args) throws Exception {
    ServletStubs.Request[] requests = new ServletStubs.Request[1024];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new ServletStubs.Request("/hello",
          new Cookie(Cookies.BROWSER, Randoms.token()), new Cookie(QfAuthFilter.SESSION_COOKIE, Randoms.token()));
    }
    Object context = new Object();
    compare("session cookie read + validation",
        i -> { sink = readBefore(requests[i & 1023], Cookies.SESSION); return i; },
        i -> { sink = Cookies.read(requests[i & 1023], Cookies.SESSION); return i; });
    compare("thread-bound user context, bind + unbind",
        i -> { LOCAL.set(context); sink = LOCAL.get(); LOCAL.remove(); return i; },
        i -> { LOCAL.set(context); sink = LOCAL.get(); LOCAL.set(null); return i; });
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
        return value != null && value.length() == 43 && value.chars().allMatch(AbCompare::base64url) ? value : null;
      }
    }
    return null;
  }

  private static boolean base64url(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
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
    System.out.printf(Locale.ROOT, "%s: before %.1f ns (median %.1f), after %.1f ns (median %.1f) per call;"
        + " minimum of %d alternating 100 ms batches%n", what, b[0], b[batches / 2], a[0], a[batches / 2], batches);
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
