package dev.qfauth.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Client authentication at the token and revocation endpoints, as fosite's {@code
 * client_authentication.go} does it: HTTP Basic credentials are base64-decoded and then
 * form-urldecoded (RFC 6749 2.3.1), so a client that does not form-encode a secret containing
 * {@code +} or {@code %} is refused.
 */
final class ClientAuthenticator {
  /** Either the authenticated client or an error. */
  record Result(QfTestClient client, OAuthError error) {}

  private final Registry registry;

  ClientAuthenticator(Registry registry) {
    this.registry = registry;
  }

  Result authenticate(String authorization, Form form) {
    if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      return basic(authorization.substring(6).strip(), form);
    }
    String clientId = form.get("client_id");
    if (clientId == null) {
      return failed(
          OAuthError.invalidRequest(
              "Client credentials missing or malformed in both HTTP Authorization header and HTTP"
                  + " POST body."));
    }
    String secret = form.get("client_secret");
    AuthMethod method = secret == null ? AuthMethod.NONE : AuthMethod.CLIENT_SECRET_POST;
    return check(registry.client(clientId), method, secret);
  }

  private Result basic(String encoded, Form form) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return failed(
          OAuthError.invalidRequest("The HTTP authorization header is not valid base64."));
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return failed(
          OAuthError.invalidRequest("The HTTP authorization header has no ':' separator."));
    }
    String clientId = formDecode(decoded.substring(0, colon));
    String secret = formDecode(decoded.substring(colon + 1));
    if (clientId == null || secret == null) {
      return failed(
          OAuthError.invalidRequest(
              "The client "
                  + (clientId == null ? "id" : "secret")
                  + " in the HTTP authorization header could not be decoded from"
                  + " 'application/x-www-form-urlencoded'."));
    }
    String bodyClientId = form.get("client_id");
    if (bodyClientId != null && !bodyClientId.equals(clientId)) {
      return failed(
          OAuthError.invalidRequest(
              "The 'client_id' in the body does not match the one in the HTTP authorization"
                  + " header."));
    }
    return check(registry.client(clientId), AuthMethod.CLIENT_SECRET_BASIC, secret);
  }

  private static Result check(QfTestClient client, AuthMethod method, String secret) {
    if (client == null) {
      return failed(OAuthError.invalidClient(null));
    }
    if (client.authMethod() != method) {
      return failed(
          OAuthError.invalidClient(
              String.format(
                  "The OAuth 2.0 Client supports client authentication method '%s', but method '%s'"
                      + " was requested. You must configure the OAuth 2.0 client's"
                      + " 'token_endpoint_auth_method' value to accept '%s'.",
                  client.tokenEndpointAuthMethod(), method.value(), method.value())));
    }
    if (!client.isPublic() && !client.secretMatches(secret)) {
      return failed(OAuthError.invalidClient(null));
    }
    return new Result(client, null);
  }

  private static String formDecode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Result failed(OAuthError error) {
    return new Result(null, error);
  }
}
