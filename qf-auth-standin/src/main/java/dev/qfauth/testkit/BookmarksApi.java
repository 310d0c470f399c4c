package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /auth/v1/bookmarks}: list by type, save (add or update, with the singleton reading
 * bookmark), get by details, ayahs in a range, the collections of a bookmark, delete.
 */
record BookmarksApi(UserLibrary library) {
  private static final String BASE = "/auth/v1/bookmarks";

  @Route(method = "GET", path = BASE, scope = "bookmark.read")
  private Object list(ApiCall call) {
    call.mushafId();
    String type = call.choice("type", UserLibrary.BOOKMARK_TYPES, "ayah");
    Integer key = call.integer("key", 1, 604);
    Boolean isReading = call.bool("isReading");
    return ApiReply.page(library.bookmarks(call.username(), type, key, isReading), call.query());
  }

  @Route(method = "POST", path = BASE, scope = "bookmark.create")
  private Object save(ApiCall call) {
    JsonNode body = call.body("type", "key", "verseNumber", "isReading", "mushafId");
    if (!body.has("type")) {
      throw ApiProblem.invalid("'type' is required.");
    }
    UserLibrary.Details details = details(body);
    ApiCall.mushaf(body);
    JsonNode reading = body.get("isReading");
    if (reading != null && !reading.isBoolean() && !reading.isNull()) {
      throw ApiProblem.invalid("'isReading' must be a boolean or null.");
    }
    Boolean isReading =
        reading == null ? null : (reading.isNull() ? Boolean.FALSE : reading.asBoolean());
    return library.addBookmark(call.username(), details, isReading);
  }

  @Route(method = "DELETE", path = BASE + "/{bookmarkId}", scope = "bookmark.delete")
  private Object delete(ApiCall call) {
    return ApiReply.messageIfFound(
        library.deleteBookmark(call.username(), call.variable("bookmarkId")), "bookmark deleted");
  }

  @Route(method = "GET", path = BASE + "/ayahs-range", scope = "bookmark.read")
  private Object ayahsRange(ApiCall call) {
    int surah = call.requiredInteger("chapterNumber", 1, 114);
    int from = call.requiredInteger("rangeStartAyahNumber", 1, 286);
    int to = call.requiredInteger("rangeEndAyahNumber", 1, 286);
    call.mushafId();
    if (from > to) {
      throw ApiProblem.invalid("'rangeStartAyahNumber' must not be after 'rangeEndAyahNumber'.");
    }
    return ApiReply.whole(library.ayahRange(call.username(), surah, from, to));
  }

  @Route(method = "GET", path = BASE + "/bookmark", scope = "bookmark.read")
  private Object byDetails(ApiCall call) {
    Integer mushaf = call.integer("mushafId", 1, Integer.MAX_VALUE);
    Integer legacy = call.integer("mushaf", 1, Integer.MAX_VALUE);
    if (mushaf == null && legacy == null) {
      throw ApiProblem.invalid("'mushafId' is required.");
    }
    String type = call.choice("type", UserLibrary.BOOKMARK_TYPES, "ayah");
    Boolean isReading = call.bool("isReading");
    Integer key = call.integer("key", 1, 604);
    Integer verse = call.integer("verseNumber", 1, 286);
    if (key == null && !Boolean.TRUE.equals(isReading)) {
      throw ApiProblem.invalid("'key' is required unless 'isReading' is true.");
    }
    if (key != null) {
      check(type, key, type.equals("ayah") ? requireVerse(verse) : null);
    }
    return library
        .bookmark(call.username(), type, key, type.equals("ayah") ? verse : null, isReading)
        .orElseThrow(ApiProblem::notFound);
  }

  @Route(method = "GET", path = BASE + "/collections", scope = "bookmark.read")
  private Object collections(ApiCall call) {
    int key = call.requiredInteger("key", 1, 604);
    String type = call.choice("type", UserLibrary.BOOKMARK_TYPES, "ayah");
    Boolean includeDefault = call.bool("includeDefault");
    call.mushafId();
    check(type, key, null);
    return library.collectionIdsOf(call.username(), type, key, Boolean.TRUE.equals(includeDefault));
  }

  /** The bookmark a body names ({@code type} defaults to ayah); 422 when it names none. */
  static UserLibrary.Details details(JsonNode body) {
    String type =
        ApiCall.present(body, "type")
            ? ApiCall.choice(body, "type", UserLibrary.BOOKMARK_TYPES)
            : "ayah";
    int key = ApiCall.integer(body, "key", 1);
    Integer verse = null;
    if (type.equals("ayah")) {
      verse = ApiCall.integer(body, "verseNumber", 1);
    } else if (body.has("verseNumber")) {
      throw ApiProblem.invalid("'verseNumber' is only allowed on an ayah bookmark.");
    }
    check(type, key, verse);
    return new UserLibrary.Details(type, key, verse);
  }

  private static int requireVerse(Integer verse) {
    if (verse == null) {
      throw ApiProblem.invalid("'verseNumber' is required for an ayah bookmark.");
    }
    return verse;
  }

  /** Surah 1-114 (its verse must exist), juz 1-30, page 1-604. */
  private static void check(String type, int key, Integer verse) {
    int max =
        switch (type) {
          case "juz" -> 30;
          case "page" -> 604;
          default -> 114;
        };
    if (key < 1 || key > max) {
      throw ApiProblem.invalid("'key' must be from 1 to " + max + " for a " + type + " bookmark.");
    }
    if (verse != null && !Verses.valid(key, verse)) {
      throw ApiProblem.invalid("'verseNumber' " + verse + " does not exist in surah " + key + ".");
    }
  }
}
