package dev.qfauth.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Just enough of a browser: keeps cookies by name (the app and the stand-in are both on loopback,
 * and their cookie names differ), never follows redirects, so each step sees its 302. Extra headers
 * (a proxy's X-Forwarded-*) go on every request to the app.
 */
final class Browser {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final UnaryOperator<HttpRequest.Builder> decorate;

  Browser() {
    this(UnaryOperator.identity());
  }

  Browser(UnaryOperator<HttpRequest.Builder> decorate) {
    this.decorate = decorate;
  }

  HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  HttpResponse<String> postForm(URI uri, String form, String origin) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return send(request);
  }

  boolean hasCookie(String name) {
    return cookies.containsKey(name);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    decorate.apply(request).timeout(Duration.ofSeconds(30)).header("Accept", "text/html");
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(c -> c.getKey() + "=" + c.getValue())
              .collect(Collectors.joining("; ")));
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

  static URI location(HttpResponse<String> response) {
    return response
        .request()
        .uri()
        .resolve(
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "no Location, status "
                                + response.statusCode()
                                + ": "
                                + response.body())));
  }
}
