package dev.qfauth.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A browser for signing in programmatically: keeps cookies per host:port (java.net.CookieManager
 * ignores host-only cookies on IP literals) and follows redirects itself, at most 10.
 */
final class Browser {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<String, Map<String, String>> jars = new LinkedHashMap<>();

  /** GETs {@code url}, following redirects; returns the final response. */
  HttpResponse<String> navigate(String url) {
    URI uri = URI.create(url);
    for (int hop = 0; hop < 10; hop++) {
      HttpResponse<String> response = get(uri);
      String location = response.headers().firstValue("Location").orElse(null);
      if (response.statusCode() / 100 != 3 || location == null) {
        return response;
      }
      uri = uri.resolve(location);
    }
    throw new IllegalStateException("more than 10 redirects from " + url);
  }

  HttpResponse<String> get(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    String cookie = cookieHeader(uri);
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> jar = jars.computeIfAbsent(origin(uri), k -> new LinkedHashMap<>());
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (value.isEmpty() || set.contains("Max-Age=0")) {
          jar.remove(name);
        } else {
          jar.put(name, value);
        }
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code Cookie} header this browser sends to {@code uri}'s origin ("" when none). */
  String cookieHeader(URI uri) {
    Map<String, String> jar = jars.getOrDefault(origin(uri), Map.of());
    StringJoiner header = new StringJoiner("; ");
    jar.forEach((k, v) -> header.add(k + "=" + v));
    return header.toString();
  }

  private static String origin(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}
