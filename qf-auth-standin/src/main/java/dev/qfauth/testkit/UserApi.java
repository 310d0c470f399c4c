package dev.qfauth.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * QF's User API under {@code {apiBase}/auth/v1} (every operation of the OpenAPI document) and the
 * signed-in user's profile under {@code {apiBase}/quran-reflect/v1/users/profile}. Every call needs
 * a live access token from this stand-in in {@code x-auth-token} (else 401 {@code unauthorized}),
 * the token's client in {@code x-client-id} (else 403 {@code forbidden}), and the operation's scope
 * or its parent, e.g. {@code collection.read} or {@code collection} (else 403 {@code
 * insufficient_scope}, the body QF sends, quran/qf-api-docs#75). One {@link Route} handler per
 * operation, one class per family; {@link #routes()} lists them so a test can hold them against the
 * spec.
 */
final class UserApi {
  private final Grants grants;
  private final StandInClock clock;
  private final UserStore store;
  private final List<ApiRoute> routes;

  UserApi(Grants grants, StandInClock clock, UserLibrary library, UserStore store) {
    this.grants = grants;
    this.clock = clock;
    this.store = store;
    this.routes =
        Stream.of(
                new CollectionsApi(library),
                new BookmarksApi(library),
                new ReadingSessionsApi(store),
                new ActivityDaysApi(store),
                new GoalsApi(store),
                new StreaksApi(store),
                new PreferencesApi(store),
                new NotesApi(store),
                new ProfileApi(store))
            .flatMap(family -> ApiRoute.of(family).stream())
            .toList();
  }

  /** Every operation served, as {@code METHOD /auth/v1/...} with the spec's path templates. */
  List<ApiRoute> routes() {
    return routes;
  }

  /** A little of each family for {@code username}, for demo mode. */
  void seedDemo(String username) {
    DemoSeeds.seed(store, username);
  }

  OAuth2HttpResponse handle(
      String method,
      String path,
      String authToken,
      String clientId,
      String timeZone,
      Form query,
      String body) {
    Grants.TokenInfo token = grants.activeAccessToken(authToken);
    if (token == null) {
      return Responses.apiError(
          401,
          "unauthorized",
          authToken == null
              ? "The request requires user authentication"
              : "The access token is invalid, expired or revoked");
    }
    if (clientId == null || !clientId.equals(token.clientId())) {
      return Responses.apiError(
          403,
          "forbidden",
          "The x-client-id header does not name the client the access token was issued to");
    }
    List<String> segments = List.of(path.substring(1).split("/", -1));
    ApiRoute route = null;
    Map<String, String> variables = null;
    for (ApiRoute candidate : routes) {
      Map<String, String> match =
          candidate.method().equals(method) ? candidate.match(segments) : null;
      if (match != null && (route == null || candidate.literals() > route.literals())) {
        route = candidate;
        variables = match;
      }
    }
    if (route == null) {
      return error(ApiProblem.notFound());
    }
    if (!Scopes.covers(token.scopes(), route.scope())) {
      return Responses.apiError(
          403, "insufficient_scope", "The access token does not have the required scopes");
    }
    ApiCall call = new ApiCall(method, variables, query, body, token.user(), timeZone, clock.now());
    try {
      Object out = route.handler().apply(call);
      if (out instanceof ApiReply reply) {
        return Responses.json(reply.status(), reply.body());
      }
      Map<String, Object> success = new LinkedHashMap<>();
      success.put("success", true);
      success.put("data", out);
      return Responses.json(200, success);
    } catch (ApiProblem problem) {
      return error(problem);
    }
  }

  private static OAuth2HttpResponse error(ApiProblem problem) {
    return Responses.apiError(problem.status(), problem.type(), problem.getMessage());
  }
}
