package dev.qfauth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;

/**
 * The slice of QF's User API under {@code {apiBase}/auth/v1}: collections and bookmarks. Every call
 * needs a live access token from this stand-in in {@code x-auth-token} (else 401 {@code
 * unauthorized}), the token's client in {@code x-client-id} (else 403 {@code forbidden}), and the
 * operation's scope or its parent, e.g. {@code collection.read} or {@code collection} (else 403
 * {@code insufficient_scope}, the body QF sends, quran/qf-api-docs#75).
 */
final class UserApi {
  static final String PREFIX = "/auth/v1/";

  private record Call(String method, List<String> path, Form query, String body, String username) {}

  private final Grants grants;
  private final UserLibrary library;

  UserApi(Grants grants, UserLibrary library) {
    this.grants = grants;
    this.library = library;
  }

  OAuth2HttpResponse handle(
      String method, String path, String authToken, String clientId, Form query, String body) {
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
    if (!path.startsWith(PREFIX)) {
      return notFound();
    }
    List<String> segments = List.of(path.substring(PREFIX.length()).split("/", -1));
    String scope = requiredScope(method, segments);
    if (scope == null) {
      return notFound();
    }
    if (!Scopes.covers(token.scopes(), scope)) {
      return Responses.apiError(
          403, "insufficient_scope", "The access token does not have the required scopes");
    }
    return dispatch(new Call(method, segments, query, body, token.user().username()));
  }

  /** The scope an operation needs, or null when there is no such operation. */
  private static String requiredScope(String method, List<String> segments) {
    String resource = segments.get(0);
    if (!resource.equals("collections") && !resource.equals("bookmarks")) {
      return null;
    }
    String family = resource.equals("collections") ? "collection" : "bookmark";
    if (segments.size() == 1) {
      return switch (method) {
        case "GET" -> family + ".read";
        case "POST" -> family + ".create";
        default -> null;
      };
    }
    if (segments.size() == 2 && !segments.get(1).isEmpty()) {
      return switch (method) {
        case "GET" -> family.equals("collection") ? "collection.read" : null;
        case "DELETE" -> family + ".delete";
        default -> null;
      };
    }
    return null;
  }

  private OAuth2HttpResponse dispatch(Call call) {
    boolean collections = call.path().get(0).equals("collections");
    String id = call.path().size() == 2 ? call.path().get(1) : null;
    return switch (call.method()) {
      case "GET" ->
          collections
              ? (id == null ? listCollections(call) : getCollection(call, id))
              : listBookmarks(call);
      case "POST" -> collections ? createCollection(call) : addBookmark(call);
      default ->
          collections
              ? deleted(library.deleteCollection(call.username(), id), "collection deleted")
              : deleted(library.deleteBookmark(call.username(), id), "bookmark deleted");
    };
  }

  private OAuth2HttpResponse listCollections(Call call) {
    String type = call.query().get("type");
    if (type != null && !UserLibrary.BOOKMARK_TYPES.contains(type)) {
      return unprocessable("'type' must be one of " + UserLibrary.BOOKMARK_TYPES + ".");
    }
    return paged(
        library.collections(call.username(), call.query().get("sortBy"), type), call.query(), null);
  }

  private OAuth2HttpResponse getCollection(Call call, String id) {
    Optional<Map<String, Object>> collection = library.collection(call.username(), id);
    if (collection.isEmpty()) {
      return notFound();
    }
    List<Map<String, Object>> bookmarks =
        library.collectionBookmarks(call.username(), id, call.query().get("sortBy"));
    return paged(bookmarks, call.query(), collection.get());
  }

  private OAuth2HttpResponse listBookmarks(Call call) {
    Form q = call.query();
    if (q.get("mushafId") == null) {
      return unprocessable("'mushafId' is required.");
    }
    String type = q.get("type") == null ? "ayah" : q.get("type");
    if (!UserLibrary.BOOKMARK_TYPES.contains(type)) {
      return unprocessable("'type' must be one of " + UserLibrary.BOOKMARK_TYPES + ".");
    }
    Integer key;
    try {
      key = q.get("key") == null ? null : Integer.valueOf(q.get("key"));
    } catch (NumberFormatException e) {
      return unprocessable("'key' must be an integer.");
    }
    Boolean isReading = q.get("isReading") == null ? null : Boolean.valueOf(q.get("isReading"));
    return paged(library.bookmarks(call.username(), type, key, isReading), q, null);
  }

  private OAuth2HttpResponse createCollection(Call call) {
    JsonNode body = parse(call.body());
    if (body == null || !body.isObject()) {
      return badJson();
    }
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      return unprocessable("'name' is required and must be a non-empty string.");
    }
    return success(library.createCollection(call.username(), name.asText().strip()), null);
  }

  private OAuth2HttpResponse addBookmark(Call call) {
    JsonNode body = parse(call.body());
    if (body == null || !body.isObject()) {
      return badJson();
    }
    JsonNode type = body.get("type");
    JsonNode key = body.get("key");
    JsonNode verse = body.get("verseNumber");
    JsonNode reading = body.get("isReading");
    if (type == null || !type.isTextual() || !UserLibrary.BOOKMARK_TYPES.contains(type.asText())) {
      return unprocessable("'type' must be one of " + UserLibrary.BOOKMARK_TYPES + ".");
    }
    if (key == null || !key.canConvertToInt() || !key.isIntegralNumber() || key.asInt() < 1) {
      return unprocessable("'key' must be a positive integer.");
    }
    boolean ayah = type.asText().equals("ayah");
    if (ayah && (verse == null || !verse.isIntegralNumber() || verse.asInt() < 1)) {
      return unprocessable("'verseNumber' is required for an ayah bookmark.");
    }
    if (reading != null && !reading.isBoolean() && !reading.isNull()) {
      return unprocessable("'isReading' must be a boolean or null.");
    }
    Boolean isReading =
        reading == null ? null : (reading.isNull() ? Boolean.FALSE : reading.asBoolean());
    Map<String, Object> bookmark =
        library.addBookmark(
            call.username(), type.asText(), key.asInt(), ayah ? verse.asInt() : null, isReading);
    return success(bookmark, null);
  }

  private static OAuth2HttpResponse paged(
      List<Map<String, Object>> all, Form query, Map<String, Object> collection) {
    Paging.Result page = Paging.page(all, query);
    if (page.problem() != null) {
      return unprocessable(page.problem());
    }
    Object data = page.items();
    if (collection != null) {
      Map<String, Object> wrapper = new LinkedHashMap<>();
      wrapper.put("collection", collection);
      wrapper.put("bookmarks", page.items());
      data = wrapper;
    }
    return success(data, page.pagination());
  }

  private static OAuth2HttpResponse deleted(boolean found, String message) {
    return found ? success(Map.of("message", message), null) : notFound();
  }

  private static OAuth2HttpResponse success(Object data, Map<String, Object> pagination) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    if (pagination != null) {
      body.put("pagination", pagination);
    }
    return Responses.json(200, body);
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? null : Responses.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static OAuth2HttpResponse badJson() {
    return Responses.apiError(400, "invalid_request", "The request body must be a JSON object");
  }

  private static OAuth2HttpResponse unprocessable(String message) {
    return Responses.apiError(422, "unprocessable_entity", message);
  }

  private static OAuth2HttpResponse notFound() {
    return Responses.apiError(404, "not_found", "The requested resource could not be found");
  }
}
