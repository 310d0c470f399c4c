package dev.qfauth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.Headers;
import org.owasp.encoder.Encode;

/** Builds the HTTP responses that mock-oauth2-server's server writes back. */
final class Responses {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final String JSON_TYPE = "application/json; charset=utf-8";

  private Responses() {}

  /** JSON with {@code Cache-Control: no-store}, as RFC 6749 5.1 asks of token responses. */
  static OAuth2HttpResponse json(int status, Object body) {
    return new OAuth2HttpResponse(
        Headers.of("Content-Type", JSON_TYPE, "Cache-Control", "no-store", "Pragma", "no-cache"),
        status,
        write(body),
        null);
  }

  static OAuth2HttpResponse oauthError(OAuthError error, boolean legacy) {
    OAuth2HttpResponse response = json(error.status(), error.toJson(legacy));
    if (error.status() != 401) {
      return response;
    }
    // RFC 6749 5.2: a 401 from the token endpoint names the scheme the client should use.
    Headers headers =
        response
            .getHeaders()
            .newBuilder()
            .add("WWW-Authenticate", "Basic realm=\"qf-stand-in\"")
            .build();
    return new OAuth2HttpResponse(headers, response.getStatus(), response.getBody(), null);
  }

  /** QF gateway error shape: {@code {message, type, success:false}}. */
  static OAuth2HttpResponse apiError(int status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("type", type);
    body.put("success", false);
    return json(status, body);
  }

  static OAuth2HttpResponse html(int status, String html) {
    return new OAuth2HttpResponse(
        Headers.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"),
        status,
        html,
        null);
  }

  static OAuth2HttpResponse raw(int status, String contentType, String body) {
    return new OAuth2HttpResponse(Headers.of("Content-Type", contentType), status, body, null);
  }

  static OAuth2HttpResponse redirect(String location) {
    return new OAuth2HttpResponse(
        Headers.of("Location", location, "Cache-Control", "no-store"), 302, "", null);
  }

  /** {@code response} with one more {@code Set-Cookie} header. */
  static OAuth2HttpResponse withCookie(OAuth2HttpResponse response, String setCookie) {
    Headers headers = response.getHeaders().newBuilder().add("Set-Cookie", setCookie).build();
    return new OAuth2HttpResponse(headers, response.getStatus(), response.getBody(), null);
  }

  static OAuth2HttpResponse empty(int status) {
    return new OAuth2HttpResponse(Headers.of(), status, "", null);
  }

  /** Appends query parameters to a URI that may already carry a query (RFC 6749 3.1.2). */
  static String withQuery(String uri, Map<String, String> params) {
    StringBuilder out = new StringBuilder(uri);
    char separator = uri.indexOf('?') < 0 ? '?' : '&';
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (param.getValue() == null) {
        continue;
      }
      out.append(separator)
          .append(encode(param.getKey()))
          .append('=')
          .append(encode(param.getValue()));
      separator = '&';
    }
    return out.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Escapes text for an HTML element body or a quoted attribute; {@code null} as empty. */
  static String escapeHtml(String s) {
    return s == null ? "" : Encode.forHtml(s);
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
