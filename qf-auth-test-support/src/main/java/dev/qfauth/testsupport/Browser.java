package dev.qfauth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Just enough of a browser for tests and the bench: an HTTP client that keeps cookies and never
 * follows redirects, so each step sees its 302 ({@link #navigate} follows them when only the end
 * matters).
 *
 * <p>Cookies are kept by name alone, for every host it talks to: the app and the stand-in both run
 * on loopback and their cookie names differ. (java.net.CookieManager would not do: it ignores
 * host-only cookies for IP literals.) A cookie set empty or with {@code Max-Age=0} is dropped.
 *
 * <p>Headers are given as name, value pairs: to the constructor for every request (a proxy's
 * X-Forwarded-*, {@code Accept}), or to one request. Safe to share between threads.
 */
public final class Browser {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final int MAX_REDIRECTS = 10;

  private final URI base;
  private final String[] headers;
  private final Map<String, String> cookies = Collections.synchronizedMap(new LinkedHashMap<>());

  /** A browser for absolute URLs whose requests carry {@code headers} (name, value, ...). */
  public Browser(String... headers) {
    this(null, headers);
  }

  /**
   * A browser for one site: relative targets resolve against {@code base}; every request carries
   * {@code headers} (name, value, ...).
   */
  public Browser(URI base, String... headers) {
    this.base = base;
    this.headers = pairs(headers).clone();
  }

  /** GETs {@code target} (absolute, or relative to the base) with these extra headers. */
  public HttpResponse<String> get(String target, String... headers) {
    return get(URI.create(target), headers);
  }

  /** GETs {@code target} (absolute, or relative to the base) with these extra headers. */
  public HttpResponse<String> get(URI target, String... headers) {
    return send(HttpRequest.newBuilder(resolve(target)).GET(), headers);
  }

  /** POSTs {@code body} as {@code contentType} (null sends no Content-Type). */
  public HttpResponse<String> post(
      String target, String contentType, String body, String... headers) {
    return postBody(URI.create(target), contentType, body, headers);
  }

  /**
   * Posts an HTML form ({@code form} is urlencoded, "" for a bare button such as logout). A browser
   * would name the page's origin: pass {@code "Origin", ...} in {@code headers}.
   */
  public HttpResponse<String> postForm(String target, String form, String... headers) {
    return postBody(URI.create(target), FORM, form, headers);
  }

  /** {@link #postForm(String, String, String...)} to a URI. */
  public HttpResponse<String> postForm(URI target, String form, String... headers) {
    return postBody(target, FORM, form, headers);
  }

  /** GETs {@code url} and follows its redirects, at most 10; returns the last response. */
  public HttpResponse<String> navigate(String url) {
    URI uri = resolve(URI.create(url));
    for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
      HttpResponse<String> response = get(uri);
      String location = location(response);
      if (response.statusCode() / 100 != 3 || location == null) {
        return response;
      }
      uri = uri.resolve(location);
    }
    throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects from " + url);
  }

  /** The base's origin ({@code scheme://host:port}), as the site's own pages' forms name it. */
  public String origin() {
    if (base == null) {
      throw new IllegalStateException("this browser has no base URI");
    }
    return base.getScheme() + "://" + base.getRawAuthority();
  }

  /** The cookie's value, or null. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** Sets a cookie as if a server had (e.g. to replay a handle after the app cleared it). */
  public void cookie(String name, String value) {
    cookies.put(name, value);
  }

  /** Whether it holds a cookie of that name. */
  public boolean hasCookie(String name) {
    return cookies.containsKey(name);
  }

  /** The {@code Cookie} header this browser sends ("" when it has no cookie). */
  public String cookieHeader() {
    StringJoiner header = new StringJoiner("; ");
    cookies.forEach((name, value) -> header.add(name + "=" + value));
    return header.toString();
  }

  /** The response's {@code Location} as sent, or null. */
  public static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElse(null);
  }

  /**
   * Where the redirect leads: its {@code Location} resolved against the request's URI. A response
   * without one fails as an assertion, with its status and body.
   */
  public static URI redirectTarget(HttpResponse<?> response) {
    String location = location(response);
    if (location == null) {
      throw new AssertionError(
          "no Location, status " + response.statusCode() + ": " + response.body());
    }
    return response.request().uri().resolve(location);
  }

  /** The decoded query parameters of {@code url}, in order (the last of a repeated name wins). */
  public static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private HttpResponse<String> postBody(
      URI target, String contentType, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(resolve(target)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request, headers);
  }

  private URI resolve(URI target) {
    return base == null ? target : base.resolve(target);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String... extra) {
    request.timeout(TIMEOUT);
    addHeaders(request, headers);
    addHeaders(request, pairs(extra));
    String cookie = cookieHeader();
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    for (String setCookie : response.headers().allValues("Set-Cookie")) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }

  private static void addHeaders(HttpRequest.Builder request, String[] headers) {
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
  }

  private static String[] pairs(String[] headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers come as name, value pairs: odd count");
    }
    return headers;
  }
}
