package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A tiny OAuth client for driving the stand-in over real HTTP in tests; never follows redirects.
 */
final class FlowDriver {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  final QfStandIn qf;
  final String clientId;
  final String redirectUri;

  FlowDriver(QfStandIn qf, String clientId, String redirectUri) {
    this.qf = qf;
    this.clientId = clientId;
    this.redirectUri = redirectUri;
  }

  /** The state, nonce and PKCE verifier of one login attempt, fresh per attempt. */
  record Attempt(String state, String nonce, String verifier) {
    static Attempt fresh() {
      return new Attempt(random(), random(), random());
    }

    String challenge() {
      return Pkce.s256(verifier);
    }
  }

  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  URI authorizeUrl(Attempt attempt, String scope) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", clientId);
    params.put("redirect_uri", redirectUri);
    params.put("scope", scope);
    params.put("state", attempt.state());
    params.put("nonce", attempt.nonce());
    params.put("code_challenge", attempt.challenge());
    params.put("code_challenge_method", "S256");
    return URI.create(qf.authBaseUrl() + "/oauth2/auth?" + form(params));
  }

  /** GET the authorize URL (after autoLogin) and return the code from the redirect. */
  String code(Attempt attempt, String scope) {
    HttpResponse<String> response = get(authorizeUrl(attempt, scope));
    assertEquals(302, response.statusCode(), response.body());
    Map<String, String> callback = query(location(response));
    assertEquals(attempt.state(), callback.get("state"));
    return callback.get("code");
  }

  /** A login attempt QF approved, with the code its redirect carried (not yet redeemed). */
  record Approved(Attempt attempt, String code) {}

  /** A fresh attempt, approved for {@code username} by autoLogin; its code is not redeemed. */
  Approved approve(String username, String scope) {
    Attempt attempt = Attempt.fresh();
    qf.autoLogin(username);
    return new Approved(attempt, code(attempt, scope));
  }

  /** Redeems the approved attempt's code with its verifier. */
  HttpResponse<String> exchange(Approved approved, String secret) {
    return exchange(approved.code(), approved.attempt(), secret);
  }

  HttpResponse<String> exchange(String code, Attempt attempt, String secret) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "authorization_code");
    params.put("code", code);
    params.put("redirect_uri", redirectUri);
    params.put("code_verifier", attempt.verifier());
    return token(params, secret);
  }

  HttpResponse<String> refresh(String refreshToken, String secret) {
    return refresh(refreshToken, null, secret);
  }

  /** A refresh asking for {@code scope}; null asks for the scope granted (RFC 6749 6). */
  HttpResponse<String> refresh(String refreshToken, String scope, String secret) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "refresh_token");
    params.put("refresh_token", refreshToken);
    if (scope != null) {
      params.put("scope", scope);
    }
    return token(params, secret);
  }

  /**
   * A token request; a non-null secret is sent as RFC 6749 2.3.1 Basic, else client_id in the body.
   */
  HttpResponse<String> token(Map<String, String> params, String secret) {
    Map<String, String> body = new LinkedHashMap<>(params);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(qf.authBaseUrl() + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (secret != null) {
      request.header("Authorization", basic(clientId, secret));
    } else {
      body.put("client_id", clientId);
    }
    return send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build());
  }

  /** Signs in with autoLogin and redeems the code; returns the token response JSON. */
  JsonNode login(String username, String scope, String secret) {
    HttpResponse<String> response = exchange(approve(username, scope), secret);
    assertEquals(200, response.statusCode(), response.body());
    return json(response);
  }

  HttpResponse<String> api(String method, String path, String accessToken, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(qf.apiBaseUrl() + path));
    if (accessToken != null) {
      request.header("x-auth-token", accessToken);
    }
    request.header("x-client-id", clientId);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return send(request.method(method, publisher).build());
  }

  /** Verifies an ID token as a relying party must: JWKS over HTTP, RS256, iss, aud, nonce, exp. */
  JWTClaimsSet verifyIdToken(String idToken, String nonce) throws Exception {
    JWKSet jwks = JWKSet.parse(get(qf.jwksUrl()).body());
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(qf.issuer());
    if (nonce != null) {
      exact.claim("nonce", nonce);
    }
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            clientId, exact.build(), Set.of("sub", "exp", "iat", "sid")));
    return processor.process(idToken, null);
  }

  static String basic(String id, String secret) {
    String pair = encode(id) + ":" + encode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  static HttpResponse<String> postForm(URI uri, Map<String, String> params) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params)))
            .build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      // A bounded wait, so a server that never answers fails the test instead of hanging the build.
      return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? new UncheckedIOException(io)
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no response within 20 s from " + request.uri().getPath(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URI location(HttpResponse<String> response) {
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return params;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  static String form(Map<String, String> params) {
    StringJoiner out = new StringJoiner("&");
    params.forEach((k, v) -> out.add(encode(k) + "=" + encode(v)));
    return out.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
