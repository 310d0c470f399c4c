package dev.qfauth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Just enough of a browser for the tests: keeps cookies per name (this app sets them for its own
 * host only) and never follows redirects, so each test sees every 302.
 */
final class Browser {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  Browser(URI base) {
    this.base = base;
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
  }

  /** A form POST from one of the app's own pages: a browser names that page's origin. */
  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", base.getScheme() + "://" + base.getRawAuthority())
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Posts a form as a page of {@code origin} would ({@code Origin} header; null sends none). */
  HttpResponse<String> postForm(String path, String form, String origin)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return send(request);
  }

  /** This app's origin, as its own pages' forms send it. */
  String origin() {
    return base.getScheme() + "://" + base.getRawAuthority();
  }

  boolean hasCookie(String name) {
    return cookies.containsKey(name);
  }

  /** The cookie's value, or null. */
  String cookie(String name) {
    return cookies.get(name);
  }

  /** Sets a cookie as if the app had (e.g. to replay a handle after the app cleared it). */
  void cookie(String name, String value) {
    cookies.put(name, value);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    request.timeout(Duration.ofSeconds(10)).header("Accept", "text/html");
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(c -> c.getKey() + "=" + c.getValue())
              .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      String name = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      if (value.isEmpty() || header.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }
}
