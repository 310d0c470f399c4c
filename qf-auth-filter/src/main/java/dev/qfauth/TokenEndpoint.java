package dev.qfauth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Semaphore;

/**
 * The only code that talks to {@code /oauth2/token} and {@code /oauth2/revoke}. Authenticates per
 * client type: confidential with HTTP Basic (the default QF provisions), public with {@code
 * client_id} in the body. Never retries a request on its own: a resent refresh token would trip
 * Hydra's reuse detection and revoke the whole chain.
 */
final class TokenEndpoint {
  private static final System.Logger LOG = System.getLogger(TokenEndpoint.class.getName());
  static final String EXCHANGE_FAILED = "Failed to exchange authorization code for tokens";
  static final String REFRESH_FAILED = "Failed to refresh access token";

  private final QfAuthConfig config;
  private final Provider provider;
  private final HttpCalls http;
  private final OpsMetrics metrics;
  private final String basicAuthorization;
  // A stalled token endpoint may hold at most this many container threads, so pages that do not
  // sign in keep being served.
  private final Bulkhead browsers;
  // The exchange endpoint's own: anyone can post junk codes to it, and that must not use up the
  // browser sign-ins' share.
  private final Bulkhead apps;

  /** At most {@code limit} calls wait on the token endpoint at once; the others are refused. */
  private record Bulkhead(Semaphore permits, int limit) {
    Bulkhead(int limit) {
      this(new Semaphore(limit), limit);
    }

    int inUse() {
      return limit - permits.availablePermits();
    }
  }

  TokenEndpoint(QfAuthConfig config, Provider provider, HttpCalls http) {
    this(config, provider, http, OpsMetrics.NONE);
  }

  TokenEndpoint(QfAuthConfig config, Provider provider, HttpCalls http, OpsMetrics metrics) {
    this.metrics = metrics;
    this.config = config;
    this.provider = provider;
    this.http = http;
    this.browsers = new Bulkhead(config.maxConcurrentTokenCalls());
    this.apps = new Bulkhead(config.exchangeMaxConcurrentCalls());
    this.basicAuthorization =
        config.confidential()
            ? "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        // RFC 6749 2.3.1: form-urlencode id and secret before base64; Hydra decodes
                        // them, so a secret with + % : / works only this way.
                        (form(config.clientId()) + ":" + form(config.clientSecret().reveal()))
                            .getBytes(StandardCharsets.UTF_8))
            : null;
  }

  /**
   * Browser sign-ins and refreshes waiting on the token endpoint right now (the bulkhead's use).
   */
  int callsInFlight() {
    return browsers.inUse();
  }

  /** RFC 6749 4.1.3 with RFC 7636 4.5: the same redirect_uri as the request, plus the verifier. */
  TokenResponse exchange(String code, URI redirectUri, Secret codeVerifier) {
    return exchangeCode(code, redirectUri, codeVerifier, "authorization_code", browsers);
  }

  /** The same for the exchange endpoint, under its own bulkhead. */
  TokenResponse exchangeForApp(String code, URI redirectUri, Secret codeVerifier) {
    return exchangeCode(
        code, redirectUri, codeVerifier, "authorization_code, exchange endpoint", apps);
  }

  private TokenResponse exchangeCode(
      String code, URI redirectUri, Secret codeVerifier, String grant, Bulkhead bulkhead) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri.toString());
    form.put("code_verifier", codeVerifier.reveal());
    return call(
        form, QfErrorCode.TOKEN_EXCHANGE_FAILED, EXCHANGE_FAILED, grant, config.scopes(), bulkhead);
  }

  /**
   * RFC 6749 6. Sent once; the caller stores the rotated refresh token atomically.
   *
   * @param granted the scopes granted so far: the request asks for no scope, so an answer without
   *     {@code scope} means these (RFC 6749 6: "treated as equal to the scope originally granted"),
   *     never the configured ones, which the user may have declined
   */
  TokenResponse refresh(Secret refreshToken, java.util.Set<String> granted) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken.reveal());
    return call(
        form,
        QfErrorCode.TOKEN_REFRESH_FAILED,
        REFRESH_FAILED,
        "refresh_token",
        List.copyOf(granted),
        browsers);
  }

  /**
   * RFC 7009: best effort. Revoking the refresh token also ends its access tokens at Hydra. Returns
   * false, and logs why, when the provider offers no revocation or refused.
   */
  boolean revoke(Secret token, String typeHint) {
    URI endpoint = provider.optionalEndpoint(ProviderMetadata::revocationEndpoint);
    if (endpoint == null) {
      return false;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", token.reveal());
    form.put("token_type_hint", typeHint);
    try {
      HttpCalls.Reply reply = http.send(post(endpoint, form));
      if (!reply.ok()) {
        LOG.log(
            Level.WARNING,
            "QF token revocation refused: {0}",
            RemoteError.parse(reply.status(), reply.body(), sent(form)).summary());
      }
      return reply.ok();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "QF token revocation failed: {0}", e.getMessage());
      return false;
    }
  }

  private TokenResponse call(
      Map<String, String> form,
      QfErrorCode code,
      String message,
      String grant,
      List<String> scopeIfAbsent,
      Bulkhead bulkhead) {
    URI endpoint = provider.metadata().tokenEndpoint();
    HttpCalls.Reply reply;
    if (!bulkhead.permits().tryAcquire()) {
      LOG.log(
          Level.WARNING,
          "QF token request ({0}) not sent: {1} calls already waiting on the token endpoint",
          grant,
          bulkhead.limit());
      throw TokenException.unanswered(
          code,
          message + ": too many calls are already waiting on the token endpoint",
          "Quran.Foundation's token service is slow right now; try again in a moment.",
          null);
    }
    long started = System.nanoTime();
    try {
      reply = http.send(post(endpoint, form));
      metrics.tokenEndpointCall(grant, true, System.nanoTime() - started);
    } catch (IOException e) {
      metrics.tokenEndpointCall(grant, false, System.nanoTime() - started);
      LOG.log(Level.WARNING, "QF token request ({0}) failed: {1}", grant, e.getMessage());
      throw TokenException.unanswered(
          code,
          message + ": the token endpoint could not be reached (" + e.getMessage() + ")",
          "Check connectivity to " + config.authBaseUrl() + "; the session was kept.",
          null);
    } finally {
      bulkhead.permits().release();
    }
    if (!reply.ok()) {
      RemoteError error = RemoteError.parse(reply.status(), reply.body(), sent(form));
      LOG.log(Level.WARNING, "QF token request ({0}) refused: {1}", grant, error.summary());
      throw TokenException.refused(
          code, message + " (" + error.summary() + ")", reply.status(), error.error(), hint(error));
    }
    TokenResponse parsed = TokenResponse.parse(reply.body(), scopeIfAbsent);
    if (parsed == null) {
      LOG.log(Level.WARNING, "QF token response ({0}) was not a valid token response", grant);
      // A 200 to a refresh means Hydra has rotated: the refresh token we hold is spent, and sending
      // it again would make Hydra revoke the whole chain (RFC 9700 4.14.2). The session ends here.
      String unusable =
          message + ": the token endpoint answered without a valid bearer token response";
      if ("refresh_token".equals(form.get("grant_type"))) {
        throw TokenException.spent(
            code,
            unusable,
            reply.status(),
            "The provider answered in an unexpected shape; sign in again.");
      }
      throw TokenException.refused(
          code,
          unusable,
          reply.status(),
          null,
          "The provider answered in an unexpected shape; try again later.");
    }
    return parsed;
  }

  /** What a request carried that must never be echoed: codes, verifiers, tokens, the secret. */
  private List<String> sent(Map<String, String> form) {
    List<String> secrets = new ArrayList<>();
    for (String name : List.of("code", "code_verifier", "refresh_token", "token")) {
      if (form.get(name) != null) {
        secrets.add(form.get(name));
        secrets.add(form(form.get(name)));
      }
    }
    if (basicAuthorization != null) {
      secrets.add(config.clientSecret().reveal());
      secrets.add(form(config.clientSecret().reveal()));
      secrets.add(basicAuthorization.substring("Basic ".length()));
    }
    return secrets;
  }

  private HttpRequest post(URI endpoint, Map<String, String> form) {
    if (!config.confidential()) {
      form.put("client_id", config.clientId()); // public client: identified, not authenticated
    }
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(form(k) + "=" + form(v)));
    HttpRequest.Builder request =
        http.request(endpoint)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (basicAuthorization != null) {
      request.header("Authorization", basicAuthorization);
    }
    return request.build();
  }

  /** The guide's troubleshooting table, plus what the provider itself said. */
  private String hint(RemoteError error) {
    String e = error.error() == null ? "" : error.error();
    String base =
        switch (e) {
          case "invalid_client" ->
              config.confidential()
                  ? "Client authentication failed: check QF_CLIENT_ID and QF_CLIENT_SECRET and that QF_ENV ("
                      + config.environment()
                      + ") is the environment the client was issued for."
                  : "This client is configured as public (no QF_CLIENT_SECRET). Request Access clients are"
                      + " confidential by default: set QF_CLIENT_SECRET unless Quran.Foundation confirmed the"
                      + " client is public; also check QF_ENV.";
          case "invalid_grant" ->
              "The code or refresh token is invalid, expired or already used (codes are"
                  + " single use), or the server clock is off (use NTP). Sign in again.";
          case "redirect_uri_mismatch" ->
              "QF_REDIRECT_URI ("
                  + config.redirectUri()
                  + ") must match a"
                  + " registered redirect URI exactly, including scheme, host, path and trailing slash.";
          case "invalid_scope" ->
              "A scope in QF_SCOPES ("
                  + String.join(" ", config.scopes())
                  + ") is misspelled or not approved for this client; request only approved scopes.";
          case "invalid_request" ->
              "The provider refused the request as malformed; if it mentions"
                  + " concurrent requests, try again.";
          case "unauthorized_client" ->
              "This client may not use this grant; check the client's settings"
                  + " with Quran.Foundation.";
          default ->
              error.status() >= 500
                  ? "Quran.Foundation's token service failed; try again later. The session was kept."
                  : "Check the client settings with Quran.Foundation.";
        };
    return base;
  }

  static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
