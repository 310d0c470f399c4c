package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The guide's back-end exchange for native and SPA apps (Step 3): {@code POST {exchangePath}} with
 * JSON {@code {code, codeVerifier, redirectUri[, nonce]}} exchanges the code here, with the secret;
 * {@code POST {exchangePath}/refresh} with {@code {sessionHandle}} refreshes. The refresh token
 * never leaves the server; the app gets the access token, expiry, scopes, claims and an opaque
 * handle. JSON-only, so a cross-site form cannot reach it without a CORS preflight.
 */
final class ExchangeHandler {
  private static final int MAX_BODY = 16 * 1024;
  // RFC 7636 4.1: 43..128 characters of the unreserved set.
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

  private final OpsMetrics metrics;
  private final QfAuthConfig config;
  private final SignIns signIns;
  private final ActiveSessions sessions;
  private final boolean enabled;
  private final String exchangePath;
  private final String refreshPath;
  private final RateLimit perAddress;

  ExchangeHandler(
      QfAuthConfig config, SignIns signIns, ActiveSessions sessions, OpsMetrics metrics) {
    this.metrics = metrics;
    this.config = config;
    this.signIns = signIns;
    this.sessions = sessions;
    this.perAddress = new RateLimit(config.exchangeRatePerMinute(), config.clock());
    this.enabled = !config.exchangeRedirectUris().isEmpty();
    this.exchangePath = config.exchangePath();
    this.refreshPath = exchangePath + "/refresh";
  }

  boolean handles(String path) {
    return enabled && (path.equals(exchangePath) || path.equals(refreshPath));
  }

  void handle(HttpServletRequest request, HttpServletResponse response, String path)
      throws IOException {
    // Anyone can post here, and each request may cost a token call: limit each client address
    // (RFC 6585 4), before reading anything.
    long retryAfter = perAddress.retryAfterSeconds(request.getRemoteAddr());
    if (retryAfter > 0) {
      response.setHeader("Retry-After", Long.toString(retryAfter));
      Responses.jsonError(
          response,
          new QfAuthException(
              QfErrorCode.RATE_LIMITED,
              "More than "
                  + perAddress.perWindow()
                  + " exchange requests a minute from this address; retry in "
                  + retryAfter
                  + " s."),
          null);
      return;
    }
    try {
      JsonNode body = readJson(request);
      if (path.endsWith("/refresh")) {
        String handle = field(body, "sessionHandle", 43);
        QfSession session = sessions.refreshForApp(handle);
        Responses.json(response, 200, tokenView(handle, session, false));
        return;
      }
      String code = field(body, "code", 4096);
      String verifier = field(body, "codeVerifier", 128);
      if (!VERIFIER.matcher(verifier).matches()) {
        throw bad(
            "codeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 4.1).");
      }
      URI redirectUri;
      try {
        redirectUri = new URI(field(body, "redirectUri", 2048));
      } catch (java.net.URISyntaxException e) {
        throw bad("redirectUri is not a URI.");
      }
      if (!config.exchangeRedirectUris().contains(redirectUri)) {
        throw bad(
            "redirectUri is not one of this server's allowed redirect URIs (QF_EXCHANGE_REDIRECT_URIS).");
      }
      JsonNode nonce = body.get("nonce");
      SignIns.SignedIn signedIn =
          signIns.exchangeForApp(
              code,
              verifier,
              redirectUri,
              nonce != null && nonce.isTextual() ? nonce.asText() : null);
      metrics.signInSucceeded();
      Responses.json(response, 200, tokenView(signedIn.handle(), signedIn.session(), true));
    } catch (QfAuthException e) {
      if (!path.endsWith("/refresh")) {
        metrics.signInFailed(e.code());
      }
      Responses.jsonError(response, e, null);
    }
  }

  private Map<String, Object> tokenView(String handle, QfSession session, boolean withUser) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("accessToken", session.accessToken().reveal());
    view.put("expiresAt", session.accessTokenExpiresAt().getEpochSecond());
    view.put(
        "expiresIn",
        Math.max(
            0,
            session.accessTokenExpiresAt().getEpochSecond()
                - config.clock().instant().getEpochSecond()));
    view.put("scope", String.join(" ", new TreeSet<>(session.scopes())));
    view.put("sessionHandle", handle);
    if (withUser) {
      view.put("user", session.claims());
    }
    return view;
  }

  private static JsonNode readJson(HttpServletRequest request) throws IOException {
    if (!"POST".equals(request.getMethod())) {
      throw bad("Use POST with a JSON body.");
    }
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw bad("Content-Type must be application/json.");
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw bad("The JSON body is larger than " + MAX_BODY + " bytes.");
    }
    JsonNode json = Json.parseOrNull(new String(bytes, StandardCharsets.UTF_8));
    if (json == null || !json.isObject()) {
      throw bad("The body must be a JSON object.");
    }
    return json;
  }

  private static String field(JsonNode body, String name, int maxLength) {
    JsonNode value = body.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw bad("The JSON body needs a non-empty string field '" + name + "'.");
    }
    if (value.asText().length() > maxLength) {
      throw bad("The field '" + name + "' is too long.");
    }
    return value.asText();
  }

  private static QfAuthException bad(String message) {
    return new QfAuthException(QfErrorCode.BAD_REQUEST, message);
  }
}
