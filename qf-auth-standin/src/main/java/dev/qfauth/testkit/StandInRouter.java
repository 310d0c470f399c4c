package dev.qfauth.testkit;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * The one route handed to mock-oauth2-server. It matches every request, so the mock's own, lenient
 * endpoints (any client, any redirect, no rotation) can never answer; it dispatches by path to the
 * stand-in's endpoints and records what clients sent.
 */
final class StandInRouter implements Route {
  private static final System.Logger LOG = System.getLogger(StandInRouter.class.getName());

  /** The collaborators the router dispatches to. */
  record Parts(
      Endpoints endpoints,
      Signer signer,
      AuthorizeEndpoint authorize,
      TokenEndpoint token,
      RevocationEndpoint revocation,
      EndSessionEndpoint endSession,
      UserInfoEndpoint userInfo,
      UserApi api,
      Observations observations) {}

  private volatile Parts parts;

  /** Wires the endpoints once the port, and so the issuer, is known; until then answers 503. */
  void wire(Parts parts) {
    this.parts = parts;
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    return true;
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    String method = request.getMethod();
    String path = request.getOriginalUrl().encodedPath();
    Parts p = parts;
    if (p == null) {
      return Responses.empty(503);
    }
    Form query;
    Form form;
    try {
      query = Form.parse(request.getOriginalUrl().encodedQuery());
      form =
          isForm(request.getHeaders().get("Content-Type"))
              ? Form.parse(request.getBody())
              : Form.empty();
    } catch (IllegalArgumentException e) { // a malformed percent escape
      return Responses.oauthError(
          OAuthError.invalidRequest("The query or form body is not validly URL-encoded."), false);
    }
    try {
      OAuth2HttpResponse response = route(p, request, method, path, query, form);
      LOG.log(Level.DEBUG, "{0} {1} -> {2}", method, path, response.getStatus());
      return response;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stand-in failed on " + method + " " + path, e);
      return Responses.oauthError(OAuthError.serverError(null), false);
    }
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static OAuth2HttpResponse route(
      Parts p, OAuth2HttpRequest request, String method, String path, Form query, Form form) {
    Headers headers = request.getHeaders();
    String contentType = headers.get("Content-Type");
    String authorization = headers.get("Authorization");

    if (path.startsWith(Endpoints.API + "/")) {
      record(p, Observations.Endpoint.API, request, method, path, query, form);
      return p.api()
          .handle(
              method,
              path.substring(Endpoints.API.length()),
              headers.get("x-auth-token"),
              headers.get("x-client-id"),
              headers.get("x-timezone"),
              query,
              request.getBody());
    }
    switch (path) {
      case Endpoints.DISCOVERY:
        record(p, Observations.Endpoint.DISCOVERY, request, method, path, query, form);
        return Responses.json(200, Discovery.document(p.endpoints()));
      case Endpoints.JWKS:
        record(p, Observations.Endpoint.JWKS, request, method, path, query, form);
        return Responses.json(200, p.signer().publicJwks().toJSONObject());
      case Endpoints.AUTHORIZE:
        record(p, Observations.Endpoint.AUTHORIZE, request, method, path, query, form);
        return "GET".equals(method)
            ? p.authorize().authorize(query, headers.get("Cookie"))
            : Responses.empty(405);
      case Endpoints.LOGIN:
        return "POST".equals(method) ? p.authorize().login(form) : Responses.empty(405);
      case Endpoints.TOKEN:
        record(p, Observations.Endpoint.TOKEN, request, method, path, query, form);
        return p.token().handle(method, contentType, authorization, form);
      case Endpoints.REVOKE:
        record(p, Observations.Endpoint.REVOCATION, request, method, path, query, form);
        return p.revocation().handle(method, authorization, form);
      case Endpoints.END_SESSION:
        record(p, Observations.Endpoint.END_SESSION, request, method, path, query, form);
        return p.endSession().handle("POST".equals(method) ? form : query, headers.get("Cookie"));
      case Endpoints.USERINFO:
        return p.userInfo().handle(authorization);
      case "/":
        return Responses.html(200, index(p.endpoints()));
      default:
        return Responses.json(
            404, Map.of("error", "not_found", "error_description", "No such endpoint."));
    }
  }

  private static void record(
      Parts p,
      Observations.Endpoint endpoint,
      OAuth2HttpRequest request,
      String method,
      String path,
      Form query,
      Form form) {
    Map<String, String> parameters = new LinkedHashMap<>(query.firstValues());
    parameters.putAll(form.firstValues());
    p.observations()
        .record(
            endpoint,
            new QfRecordedRequest(
                method, path, request.getHeaders().toMultimap(), parameters, request.getBody()));
  }

  private static String index(Endpoints endpoints) {
    String discovery = Responses.escapeHtml(endpoints.url(Endpoints.DISCOVERY));
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>QF"
        + " stand-in</title></head><body><h1>Quran.Foundation stand-in</h1><p>Discovery: <a"
        + " href=\""
        + discovery
        + "\">"
        + discovery
        + "</a></p><p>User API base: <code>"
        + Responses.escapeHtml(endpoints.apiBase())
        + "</code></p></body></html>";
  }
}
