package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /auth/v1/collections}: list, all (the filed bookmarks), get with its bookmarks, create,
 * rename, delete, and add or remove a bookmark, Favorites ({@code __default__}) included.
 */
record CollectionsApi(UserLibrary library) {
  private static final String BASE = "/auth/v1/collections";
  private static final String COLLECTION = BASE + "/{collectionId}";
  private static final List<String> SORTS =
      List.of("recentlyUpdated", "alphabetical", "alphabeticalDesc");
  private static final List<String> ITEM_SORTS = List.of("recentlyAdded", "verseKey");

  @Route(method = "GET", path = BASE, scope = "collection.read")
  private Object list(ApiCall call) {
    String sortBy = call.choice("sortBy", SORTS, null);
    String type = call.choice("type", UserLibrary.BOOKMARK_TYPES, null);
    return ApiReply.page(library.collections(call.username(), sortBy, type), call.query());
  }

  @Route(method = "POST", path = BASE, scope = "collection.create")
  private Object create(ApiCall call) {
    return library.createCollection(call.username(), name(call.body("name")));
  }

  @Route(method = "GET", path = BASE + "/all", scope = "collection.read")
  private Object all(ApiCall call) {
    String sortBy = call.choice("sortBy", ITEM_SORTS, null);
    String type = call.choice("type", UserLibrary.BOOKMARK_TYPES, "ayah");
    return ApiReply.page(library.filedBookmarks(call.username(), type, sortBy), call.query());
  }

  @Route(method = "GET", path = COLLECTION, scope = "collection.read")
  private Object get(ApiCall call) {
    String id = call.variable("collectionId");
    String sortBy = call.choice("sortBy", ITEM_SORTS, null);
    Map<String, Object> collection =
        library.collection(call.username(), id).orElseThrow(ApiProblem::notFound);
    Paging.Result page =
        Paging.page(library.collectionBookmarks(call.username(), id, sortBy), call.query());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("collection", collection);
    data.put("bookmarks", page.items());
    return ApiReply.paged(data, page.pagination());
  }

  @Route(method = "POST", path = COLLECTION, scope = "collection.update")
  private Object rename(ApiCall call) {
    String name = name(call.body("name"));
    return ApiReply.messageIfFound(
        library.renameCollection(call.username(), call.variable("collectionId"), name),
        "collection renamed");
  }

  @Route(method = "DELETE", path = COLLECTION, scope = "collection.delete")
  private Object delete(ApiCall call) {
    return ApiReply.messageIfFound(
        library.deleteCollection(call.username(), call.variable("collectionId")),
        "collection deleted");
  }

  @Route(method = "POST", path = COLLECTION + "/bookmarks", scope = "collection.update")
  private Object addBookmark(ApiCall call) {
    String id = call.variable("collectionId");
    JsonNode body = call.body("type", "key", "verseNumber", "mushafId", "mushaf");
    UserLibrary.Details details = favouriteCheck(id, BookmarksApi.details(body));
    ApiCall.mushaf(body);
    return ApiReply.messageIfFound(
        library.addToCollection(call.username(), id, details), "collection bookmark added");
  }

  @Route(method = "DELETE", path = COLLECTION + "/bookmarks", scope = "collection.update")
  private Object removeByDetails(ApiCall call) {
    String id = call.variable("collectionId");
    JsonNode body = call.body("type", "key", "verseNumber", "mushafId", "mushaf", "bookmarkId");
    String bookmarkId;
    if (body.has("bookmarkId")) {
      if (body.size() != 1) {
        throw ApiProblem.invalid("Send either 'bookmarkId' alone or the bookmark's details.");
      }
      bookmarkId = ApiCall.text(body, "bookmarkId");
    } else {
      UserLibrary.Details details = BookmarksApi.details(body);
      ApiCall.mushaf(body);
      bookmarkId = library.bookmarkId(call.username(), details);
    }
    return remove(call, id, bookmarkId);
  }

  @Route(
      method = "DELETE",
      path = COLLECTION + "/bookmarks/{bookmarkId}",
      scope = "collection.update")
  private Object removeById(ApiCall call) {
    return remove(call, call.variable("collectionId"), call.variable("bookmarkId"));
  }

  private Object remove(ApiCall call, String collectionId, String bookmarkId) {
    return ApiReply.messageIfFound(
        bookmarkId != null
            && library.removeFromCollection(call.username(), collectionId, bookmarkId),
        "collection bookmark deleted");
  }

  private static UserLibrary.Details favouriteCheck(String id, UserLibrary.Details details) {
    if (UserLibrary.DEFAULT_COLLECTION.equals(id) && !details.type().equals("ayah")) {
      throw ApiProblem.invalid("Favorites ('__default__') holds ayah bookmarks only.");
    }
    return details;
  }

  private static String name(JsonNode body) {
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw ApiProblem.invalid("'name' is required and must be a non-empty string.");
    }
    return name.asText().strip();
  }
}
