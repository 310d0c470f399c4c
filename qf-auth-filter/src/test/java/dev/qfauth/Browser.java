package dev.qfauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cookie-keeping HTTP client that does not follow redirects, standing in for a browser on one
 * host. (java.net.CookieManager ignores host-only cookies for IP literals, so it keeps its own
 * jar.)
 */
final class Browser {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<String, String> jar = new ConcurrentHashMap<>();

  HttpResponse<String> get(String url, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
  }

  /** An empty form POST to {@code url}, as a button of an HTML form sends it (a logout). */
  HttpResponse<String> postForm(String url, String... headers) {
    return post(url, "application/x-www-form-urlencoded", "", headers);
  }

  HttpResponse<String> post(String url, String contentType, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b, headers);
  }

  HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
    builder.timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    if (!jar.isEmpty()) {
      StringJoiner cookie = new StringJoiner("; ");
      jar.forEach((k, v) -> cookie.add(k + "=" + v));
      builder.header("Cookie", cookie.toString());
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
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
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String cookie(String name) {
    return jar.get(name);
  }

  void cookie(String name, String value) {
    jar.put(name, value);
  }

  static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElse(null);
  }

  static Map<String, String> query(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
