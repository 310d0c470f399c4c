package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Each user's collections and bookmarks, rendered in the QF User API's JSON shapes ({@code
 * Collection}, {@code Bookmark}). Thread-safe: one monitor guards all users' data.
 */
final class UserLibrary {
  static final List<String> BOOKMARK_TYPES = List.of("ayah", "surah", "juz", "page");

  /** The virtual Favorites collection of Quran.com: ayah bookmarks only. */
  static final String DEFAULT_COLLECTION = "__default__";

  /** A bookmark as its details name it: type, key and, for an ayah, the verse. */
  record Details(String type, int key, Integer verseNumber) {}

  private static final class Collection {
    final String id;
    final long seq;
    String name;
    Instant updatedAt; // null for Favorites, which QF sends undated
    final List<String> bookmarkIds = new ArrayList<>();

    Collection(String id, long seq, String name, Instant updatedAt) {
      this.id = id;
      this.seq = seq;
      this.name = name;
      this.updatedAt = updatedAt;
    }
  }

  private record Bookmark(String id, long seq, Details details, Instant createdAt) {}

  /**
   * One user's collections and bookmarks. Favorites is a collection of its own, outside the named
   * ones; the reading bookmark is one id, as a user has one at most.
   */
  private static final class Shelf {
    final Map<String, Collection> collections = new LinkedHashMap<>();
    final Map<String, Bookmark> bookmarks = new LinkedHashMap<>();
    final Collection favourites = new Collection(DEFAULT_COLLECTION, 0, "Favorites", null);
    String readingId;

    boolean isReading(Bookmark b) {
      return b.id().equals(readingId);
    }

    boolean inDefault(Bookmark b) {
      return favourites.bookmarkIds.contains(b.id());
    }

    /** A named collection, or Favorites for {@code __default__}; null when there is none. */
    Collection collection(String id) {
      return DEFAULT_COLLECTION.equals(id) ? favourites : collections.get(id);
    }
  }

  private final Stamps stamps;
  private final Map<String, Shelf> shelves = new HashMap<>();

  UserLibrary(StandInClock clock, SecureRandom random) {
    this.stamps = new Stamps(clock, random);
  }

  /** Newest first ({@code recentlyUpdated}), or by name for the alphabetical sorts. */
  synchronized List<Map<String, Object>> collections(String username, String sortBy, String type) {
    Shelf shelf = shelf(username);
    List<Collection> list = new ArrayList<>(shelf.collections.values());
    if (type != null) {
      list.removeIf(
          c ->
              c.bookmarkIds.stream()
                  .noneMatch(id -> shelf.bookmarks.get(id).details().type().equals(type)));
    }
    Comparator<Collection> order =
        switch (sortBy == null ? "recentlyUpdated" : sortBy) {
          case "alphabetical" ->
              Comparator.comparing((Collection c) -> c.name.toLowerCase(Locale.ROOT));
          case "alphabeticalDesc" ->
              Comparator.comparing((Collection c) -> c.name.toLowerCase(Locale.ROOT)).reversed();
          default ->
              Comparator.comparing((Collection c) -> c.updatedAt)
                  .thenComparingLong(c -> c.seq)
                  .reversed();
        };
    list.sort(order);
    List<Map<String, Object>> json = new ArrayList<>();
    list.forEach(c -> json.add(collectionJson(c)));
    return json;
  }

  synchronized Map<String, Object> createCollection(String username, String name) {
    Collection collection = new Collection(stamps.newId(), stamps.nextSeq(), name, stamps.now());
    shelf(username).collections.put(collection.id, collection);
    return collectionJson(collection);
  }

  /** A named collection, or Favorites for {@code __default__}. */
  synchronized Optional<Map<String, Object>> collection(String username, String id) {
    return Optional.ofNullable(shelf(username).collection(id)).map(this::collectionJson);
  }

  /**
   * The bookmarks of a collection that exists (newest first, or by verse with {@code verseKey}).
   */
  synchronized List<Map<String, Object>> collectionBookmarks(
      String username, String id, String sortBy) {
    Shelf shelf = shelf(username);
    List<Bookmark> list = new ArrayList<>();
    shelf.collection(id).bookmarkIds.forEach(b -> list.add(shelf.bookmarks.get(b)));
    return sortedJson(shelf, list, sortBy);
  }

  private List<Map<String, Object>> sortedJson(Shelf shelf, List<Bookmark> list, String sortBy) {
    list.sort(
        "verseKey".equals(sortBy)
            ? Comparator.comparingInt((Bookmark b) -> b.details().key())
                .thenComparing(
                    b -> b.details().verseNumber(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            : Comparator.comparingLong(Bookmark::seq).reversed());
    List<Map<String, Object>> json = new ArrayList<>();
    list.forEach(b -> json.add(bookmarkJson(shelf, b)));
    return json;
  }

  synchronized boolean renameCollection(String username, String id, String name) {
    Collection collection = shelf(username).collections.get(id);
    if (collection == null) {
      return false;
    }
    collection.name = name;
    collection.updatedAt = stamps.now();
    return true;
  }

  /**
   * Files the bookmark with these details (made if missing) in a collection or in Favorites; false
   * when there is no such collection.
   */
  synchronized boolean addToCollection(String username, String collectionId, Details details) {
    Shelf shelf = shelf(username);
    Collection collection = shelf.collection(collectionId);
    if (collection == null) {
      return false;
    }
    Bookmark bookmark = findOrAdd(shelf, details);
    if (!collection.bookmarkIds.contains(bookmark.id())) {
      collection.bookmarkIds.add(bookmark.id());
      changed(shelf, collection);
    }
    return true;
  }

  /** The id of the bookmark with these details, or null. */
  synchronized String bookmarkId(String username, Details details) {
    Bookmark bookmark = find(shelf(username), details);
    return bookmark == null ? null : bookmark.id();
  }

  /**
   * Takes a bookmark out of a collection or Favorites, deleting it when it is then an orphan (in no
   * collection, not a favourite, not the reading bookmark); false when it was not there.
   */
  synchronized boolean removeFromCollection(String username, String collectionId, String id) {
    Shelf shelf = shelf(username);
    Bookmark bookmark = shelf.bookmarks.get(id);
    Collection collection = shelf.collection(collectionId);
    if (bookmark == null || collection == null || !collection.bookmarkIds.remove(id)) {
      return false;
    }
    changed(shelf, collection);
    if (!filed(shelf, bookmark) && !shelf.isReading(bookmark)) {
      shelf.bookmarks.remove(id);
    }
    return true;
  }

  /** Bookmarks of {@code type} filed in any collection or Favorites (QF's collections/all). */
  synchronized List<Map<String, Object>> filedBookmarks(
      String username, String type, String sortBy) {
    Shelf shelf = shelf(username);
    List<Bookmark> list = new ArrayList<>(shelf.bookmarks.values());
    list.removeIf(b -> !b.details().type().equals(type) || !filed(shelf, b));
    return sortedJson(shelf, list, sortBy);
  }

  /** The bookmark with these details, or the reading bookmark when {@code key} is null. */
  synchronized Optional<Map<String, Object>> bookmark(
      String username, String type, Integer key, Integer verseNumber, Boolean isReading) {
    Shelf shelf = shelf(username);
    for (Bookmark b : shelf.bookmarks.values()) {
      boolean details = key == null || b.details().equals(new Details(type, key, verseNumber));
      if (details && (isReading == null || shelf.isReading(b) == isReading)) {
        return Optional.of(bookmarkJson(shelf, b));
      }
    }
    return Optional.empty();
  }

  /** Ayah bookmarks of one surah between two verses, in QF's ayahs-range shape. */
  synchronized List<Map<String, Object>> ayahRange(String username, int surah, int from, int to) {
    Shelf shelf = shelf(username);
    List<Bookmark> list = new ArrayList<>(shelf.bookmarks.values());
    list.removeIf(
        b ->
            !b.details().type().equals("ayah")
                || b.details().key() != surah
                || b.details().verseNumber() < from
                || b.details().verseNumber() > to);
    list.sort(Comparator.comparingInt((Bookmark b) -> b.details().verseNumber()));
    List<Map<String, Object>> json = new ArrayList<>();
    for (Bookmark b : list) {
      json.add(bookmarkFields(shelf, b, "bookmarkType", "bookmarkGroup"));
    }
    return json;
  }

  /** Ids of the named collections holding a bookmark of {@code type} and {@code key}. */
  synchronized List<String> collectionIdsOf(
      String username, String type, int key, boolean includeDefault) {
    Shelf shelf = shelf(username);
    List<String> ids = new ArrayList<>();
    boolean favourite = false;
    for (Bookmark b : shelf.bookmarks.values()) {
      if (!b.details().type().equals(type) || b.details().key() != key) {
        continue;
      }
      favourite |= shelf.inDefault(b);
      for (Collection c : shelf.collections.values()) {
        if (c.bookmarkIds.contains(b.id()) && !ids.contains(c.id)) {
          ids.add(c.id);
        }
      }
    }
    if (includeDefault && favourite) {
      ids.add(DEFAULT_COLLECTION);
    }
    return ids;
  }

  synchronized boolean deleteCollection(String username, String id) {
    return shelf(username).collections.remove(id) != null;
  }

  synchronized List<Map<String, Object>> bookmarks(
      String username, String type, Integer key, Boolean isReading) {
    Shelf shelf = shelf(username);
    List<Bookmark> list = new ArrayList<>(shelf.bookmarks.values());
    list.removeIf(
        b ->
            !b.details().type().equals(type)
                || (key != null && b.details().key() != key)
                || (isReading != null && shelf.isReading(b) != isReading));
    list.sort(Comparator.comparingLong(Bookmark::seq).reversed());
    List<Map<String, Object>> json = new ArrayList<>();
    list.forEach(b -> json.add(bookmarkJson(shelf, b)));
    return json;
  }

  /**
   * Adds a bookmark, or updates the one with the same type, key and verse (QF: "add or update").
   * {@code isReading} true makes it the user's one reading bookmark; false or null unmark it.
   */
  synchronized Map<String, Object> addBookmark(
      String username, Details details, Boolean isReading) {
    Shelf shelf = shelf(username);
    Bookmark bookmark = findOrAdd(shelf, details);
    if (Boolean.TRUE.equals(isReading)) {
      shelf.readingId = bookmark.id();
    } else if (shelf.isReading(bookmark)) {
      shelf.readingId = null;
    }
    return bookmarkJson(shelf, bookmark);
  }

  /** QF removes only orphans; a bookmark in a collection just stops being the reading bookmark. */
  synchronized boolean deleteBookmark(String username, String id) {
    Shelf shelf = shelf(username);
    Bookmark bookmark = shelf.bookmarks.get(id);
    if (bookmark == null) {
      return false;
    }
    if (shelf.isReading(bookmark)) {
      shelf.readingId = null;
    }
    if (!filed(shelf, bookmark)) {
      shelf.bookmarks.remove(id);
    }
    return true;
  }

  synchronized String seedCollection(String username, String name, List<int[]> verses) {
    Shelf shelf = shelf(username);
    Collection collection = new Collection(stamps.newId(), stamps.nextSeq(), name, stamps.now());
    shelf.collections.put(collection.id, collection);
    for (int[] verse : verses) {
      Bookmark bookmark = findOrAdd(shelf, new Details("ayah", verse[0], verse[1]));
      if (!collection.bookmarkIds.contains(bookmark.id())) {
        collection.bookmarkIds.add(bookmark.id());
      }
    }
    return collection.id;
  }

  synchronized String seedBookmark(String username, int surah, int verse) {
    return (String) addBookmark(username, new Details("ayah", surah, verse), null).get("id");
  }

  synchronized List<String> collectionNames(String username) {
    List<String> names = new ArrayList<>();
    collections(username, null, null).forEach(c -> names.add((String) c.get("name")));
    return names;
  }

  private Shelf shelf(String username) {
    return shelves.computeIfAbsent(username, u -> new Shelf());
  }

  private static Bookmark find(Shelf shelf, Details details) {
    for (Bookmark b : shelf.bookmarks.values()) {
      if (b.details().equals(details)) {
        return b;
      }
    }
    return null;
  }

  private Bookmark findOrAdd(Shelf shelf, Details details) {
    Bookmark bookmark = find(shelf, details);
    if (bookmark == null) {
      bookmark = new Bookmark(stamps.newId(), stamps.nextSeq(), details, stamps.now());
      shelf.bookmarks.put(bookmark.id(), bookmark);
    }
    return bookmark;
  }

  /** Dates a change to a named collection; QF sends Favorites undated. */
  private void changed(Shelf shelf, Collection collection) {
    if (collection != shelf.favourites) {
      collection.updatedAt = stamps.now();
    }
  }

  /** In a named collection (of any user's shelf, as ids are unique) or in Favorites. */
  private boolean filed(Shelf shelf, Bookmark b) {
    return shelf.inDefault(b) || collectionsCount(b) > 0;
  }

  private Map<String, Object> collectionJson(Collection c) {
    boolean favourites = c.id.equals(DEFAULT_COLLECTION);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id);
    json.put("name", c.name);
    json.put("slug", favourites ? null : slug(c.name));
    json.put("isPrivate", favourites);
    json.put("isDefault", favourites);
    json.put("updatedAt", favourites ? null : c.updatedAt.toString());
    json.put("bookmarksCount", c.bookmarkIds.size());
    json.put("resourcesCount", c.bookmarkIds.size());
    json.put("count", c.bookmarkIds.size());
    return json;
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private Map<String, Object> bookmarkJson(Shelf shelf, Bookmark b) {
    Map<String, Object> json = bookmarkFields(shelf, b, "type", "group");
    json.put("collectionsCount", collectionsCount(b));
    return json;
  }

  /**
   * A bookmark's fields as QF sends them; the ayahs-range answer spells type and group {@code
   * bookmarkType} and {@code bookmarkGroup}, the others {@code type} and {@code group}.
   */
  private static Map<String, Object> bookmarkFields(
      Shelf shelf, Bookmark b, String typeName, String groupName) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", b.id());
    json.put("createdAt", b.createdAt().toString());
    json.put(typeName, b.details().type());
    json.put("key", b.details().key());
    json.put("verseNumber", b.details().verseNumber());
    json.put(groupName, group(b.details().type()));
    json.put("isInDefaultCollection", shelf.inDefault(b));
    json.put("isReading", shelf.isReading(b));
    return json;
  }

  private int collectionsCount(Bookmark b) {
    int count = 0;
    for (Shelf shelf : shelves.values()) {
      for (Collection c : shelf.collections.values()) {
        if (c.bookmarkIds.contains(b.id())) {
          count++;
        }
      }
    }
    return count;
  }

  private static String group(String type) {
    return switch (type) {
      case "surah" -> "surahs_114";
      case "juz" -> "juzs_30";
      case "page" -> "pages_604";
      default -> "verses_6236";
    };
  }
}
