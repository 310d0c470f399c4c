package dev.qfauth.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each user's collections and bookmarks, rendered in the QF User API's JSON shapes ({@code
 * Collection}, {@code Bookmark}). Thread-safe: one monitor guards all users' data.
 */
final class UserLibrary {
  static final List<String> BOOKMARK_TYPES = List.of("ayah", "surah", "juz", "page");

  /** The virtual Favorites collection of Quran.com: ayah bookmarks only. */
  static final String DEFAULT_COLLECTION = "__default__";

  private static final class Collection {
    final String id;
    final long seq;
    String name;
    Instant updatedAt;
    final List<String> bookmarkIds = new ArrayList<>();

    Collection(String id, long seq, String name, Instant updatedAt) {
      this.id = id;
      this.seq = seq;
      this.name = name;
      this.updatedAt = updatedAt;
    }
  }

  private static final class Bookmark {
    final String id;
    final long seq;
    final String type;
    final int key;
    final Integer verseNumber;
    final Instant createdAt;
    boolean isReading;
    boolean inDefault;

    Bookmark(String id, long seq, String type, int key, Integer verseNumber, Instant createdAt) {
      this.id = id;
      this.seq = seq;
      this.type = type;
      this.key = key;
      this.verseNumber = verseNumber;
      this.createdAt = createdAt;
    }
  }

  private static final class Shelf {
    final Map<String, Collection> collections = new LinkedHashMap<>();
    final Map<String, Bookmark> bookmarks = new LinkedHashMap<>();
  }

  private final StandInClock clock;
  private final SecureRandom random;
  private final Map<String, Shelf> shelves = new HashMap<>();
  private long seq;

  UserLibrary(StandInClock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** Newest first ({@code recentlyUpdated}), or by name for the alphabetical sorts. */
  synchronized List<Map<String, Object>> collections(String username, String sortBy, String type) {
    Shelf shelf = shelf(username);
    List<Collection> list = new ArrayList<>(shelf.collections.values());
    if (type != null) {
      list.removeIf(
          c -> c.bookmarkIds.stream().noneMatch(id -> shelf.bookmarks.get(id).type.equals(type)));
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
    Collection collection = new Collection(newId(), ++seq, name, now());
    shelf(username).collections.put(collection.id, collection);
    return collectionJson(collection);
  }

  /** The collection and its bookmarks (newest first, or by verse with {@code verseKey}). */
  synchronized Optional<Map<String, Object>> collection(String username, String id) {
    Collection collection = shelf(username).collections.get(id);
    return Optional.ofNullable(collection).map(this::collectionJson);
  }

  synchronized List<Map<String, Object>> collectionBookmarks(
      String username, String id, String sortBy) {
    Shelf shelf = shelf(username);
    List<Bookmark> list = new ArrayList<>();
    if (DEFAULT_COLLECTION.equals(id)) {
      shelf.bookmarks.values().stream().filter(b -> b.inDefault).forEach(list::add);
    } else {
      shelf.collections.get(id).bookmarkIds.forEach(b -> list.add(shelf.bookmarks.get(b)));
    }
    return sortedJson(list, sortBy);
  }

  private List<Map<String, Object>> sortedJson(List<Bookmark> list, String sortBy) {
    list.sort(
        "verseKey".equals(sortBy)
            ? Comparator.comparingInt((Bookmark b) -> b.key)
                .thenComparing(b -> b.verseNumber, Comparator.nullsFirst(Comparator.naturalOrder()))
            : Comparator.comparingLong((Bookmark b) -> b.seq).reversed());
    List<Map<String, Object>> json = new ArrayList<>();
    list.forEach(b -> json.add(bookmarkJson(b)));
    return json;
  }

  synchronized boolean renameCollection(String username, String id, String name) {
    Collection collection = shelf(username).collections.get(id);
    if (collection == null) {
      return false;
    }
    collection.name = name;
    collection.updatedAt = now();
    return true;
  }

  /**
   * Files the bookmark with these details (made if missing) in a collection or in Favorites; false
   * when there is no such collection.
   */
  synchronized boolean addToCollection(
      String username, String collectionId, String type, int key, Integer verseNumber) {
    Shelf shelf = shelf(username);
    Collection collection = shelf.collections.get(collectionId);
    if (collection == null && !DEFAULT_COLLECTION.equals(collectionId)) {
      return false;
    }
    Bookmark bookmark = find(shelf, type, key, verseNumber);
    if (bookmark == null) {
      bookmark = new Bookmark(newId(), ++seq, type, key, verseNumber, now());
      shelf.bookmarks.put(bookmark.id, bookmark);
    }
    if (collection == null) {
      bookmark.inDefault = true;
    } else if (!collection.bookmarkIds.contains(bookmark.id)) {
      collection.bookmarkIds.add(bookmark.id);
      collection.updatedAt = now();
    }
    return true;
  }

  /** The id of the bookmark with these details, or null. */
  synchronized String bookmarkId(String username, String type, int key, Integer verseNumber) {
    Bookmark bookmark = find(shelf(username), type, key, verseNumber);
    return bookmark == null ? null : bookmark.id;
  }

  /**
   * Takes a bookmark out of a collection or Favorites, deleting it when it is then an orphan (in no
   * collection, not a favourite, not the reading bookmark); false when it was not there.
   */
  synchronized boolean removeFromCollection(String username, String collectionId, String id) {
    Shelf shelf = shelf(username);
    Bookmark bookmark = shelf.bookmarks.get(id);
    if (bookmark == null) {
      return false;
    }
    if (DEFAULT_COLLECTION.equals(collectionId)) {
      if (!bookmark.inDefault) {
        return false;
      }
      bookmark.inDefault = false;
    } else {
      Collection collection = shelf.collections.get(collectionId);
      if (collection == null || !collection.bookmarkIds.remove(id)) {
        return false;
      }
      collection.updatedAt = now();
    }
    if (collectionsCount(bookmark) == 0 && !bookmark.inDefault && !bookmark.isReading) {
      shelf.bookmarks.remove(id);
    }
    return true;
  }

  /** Bookmarks of {@code type} filed in any collection or Favorites (QF's collections/all). */
  synchronized List<Map<String, Object>> filedBookmarks(
      String username, String type, String sortBy) {
    Shelf shelf = shelf(username);
    List<Bookmark> list = new ArrayList<>(shelf.bookmarks.values());
    list.removeIf(b -> !b.type.equals(type) || (!b.inDefault && collectionsCount(b) == 0));
    return sortedJson(list, sortBy);
  }

  /** The bookmark with these details, or the reading bookmark when {@code key} is null. */
  synchronized Optional<Map<String, Object>> bookmark(
      String username, String type, Integer key, Integer verseNumber, Boolean isReading) {
    for (Bookmark b : shelf(username).bookmarks.values()) {
      boolean details =
          key == null
              || (b.type.equals(type)
                  && b.key == key
                  && Objects.equals(b.verseNumber, verseNumber));
      if (details && (isReading == null || b.isReading == isReading)) {
        return Optional.of(bookmarkJson(b));
      }
    }
    return Optional.empty();
  }

  /** Ayah bookmarks of one surah between two verses, in QF's ayahs-range shape. */
  synchronized List<Map<String, Object>> ayahRange(String username, int surah, int from, int to) {
    List<Bookmark> list = new ArrayList<>(shelf(username).bookmarks.values());
    list.removeIf(
        b ->
            !b.type.equals("ayah") || b.key != surah || b.verseNumber < from || b.verseNumber > to);
    list.sort(Comparator.comparingInt((Bookmark b) -> b.verseNumber));
    List<Map<String, Object>> json = new ArrayList<>();
    for (Bookmark b : list) {
      json.add(bookmarkFields(b, "bookmarkType", "bookmarkGroup"));
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
      if (!b.type.equals(type) || b.key != key) {
        continue;
      }
      favourite |= b.inDefault;
      for (Collection c : shelf.collections.values()) {
        if (c.bookmarkIds.contains(b.id) && !ids.contains(c.id)) {
          ids.add(c.id);
        }
      }
    }
    if (includeDefault && favourite) {
      ids.add(DEFAULT_COLLECTION);
    }
    return ids;
  }

  /** Favorites as QF renders the virtual collection. */
  synchronized Map<String, Object> favouritesJson(String username) {
    long count = shelf(username).bookmarks.values().stream().filter(b -> b.inDefault).count();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", DEFAULT_COLLECTION);
    json.put("name", "Favorites");
    json.put("slug", null);
    json.put("isPrivate", true);
    json.put("isDefault", true);
    json.put("updatedAt", null);
    json.put("bookmarksCount", count);
    json.put("resourcesCount", count);
    json.put("count", count);
    return json;
  }

  synchronized boolean deleteCollection(String username, String id) {
    return shelf(username).collections.remove(id) != null;
  }

  synchronized List<Map<String, Object>> bookmarks(
      String username, String type, Integer key, Boolean isReading) {
    List<Bookmark> list = new ArrayList<>(shelf(username).bookmarks.values());
    list.removeIf(
        b ->
            !b.type.equals(type)
                || (key != null && b.key != key)
                || (isReading != null && b.isReading != isReading));
    list.sort(Comparator.comparingLong((Bookmark b) -> b.seq).reversed());
    List<Map<String, Object>> json = new ArrayList<>();
    list.forEach(b -> json.add(bookmarkJson(b)));
    return json;
  }

  /**
   * Adds a bookmark, or updates the one with the same type, key and verse (QF: "add or update").
   */
  synchronized Map<String, Object> addBookmark(
      String username, String type, int key, Integer verseNumber, Boolean isReading) {
    Shelf shelf = shelf(username);
    Bookmark bookmark = find(shelf, type, key, verseNumber);
    if (bookmark == null) {
      bookmark = new Bookmark(newId(), ++seq, type, key, verseNumber, now());
      shelf.bookmarks.put(bookmark.id, bookmark);
    }
    if (Boolean.TRUE.equals(isReading)) {
      shelf.bookmarks.values().forEach(b -> b.isReading = false); // one reading bookmark per user
      bookmark.isReading = true;
    } else if (isReading != null || bookmark.isReading) {
      bookmark.isReading = Boolean.TRUE.equals(isReading);
    }
    return bookmarkJson(bookmark);
  }

  /** QF removes only orphans; a bookmark in a collection just stops being the reading bookmark. */
  synchronized boolean deleteBookmark(String username, String id) {
    Shelf shelf = shelf(username);
    Bookmark bookmark = shelf.bookmarks.get(id);
    if (bookmark == null) {
      return false;
    }
    if (collectionsCount(bookmark) == 0 && !bookmark.inDefault) {
      shelf.bookmarks.remove(id);
    } else {
      bookmark.isReading = false;
    }
    return true;
  }

  synchronized String seedCollection(String username, String name, List<int[]> verses) {
    Shelf shelf = shelf(username);
    Collection collection = new Collection(newId(), ++seq, name, now());
    shelf.collections.put(collection.id, collection);
    for (int[] verse : verses) {
      Bookmark bookmark = find(shelf, "ayah", verse[0], verse[1]);
      if (bookmark == null) {
        bookmark = new Bookmark(newId(), ++seq, "ayah", verse[0], verse[1], now());
        shelf.bookmarks.put(bookmark.id, bookmark);
      }
      if (!collection.bookmarkIds.contains(bookmark.id)) {
        collection.bookmarkIds.add(bookmark.id);
      }
    }
    return collection.id;
  }

  synchronized String seedBookmark(String username, int surah, int verse) {
    return (String) addBookmark(username, "ayah", surah, verse, null).get("id");
  }

  synchronized List<String> collectionNames(String username) {
    List<String> names = new ArrayList<>();
    collections(username, null, null).forEach(c -> names.add((String) c.get("name")));
    return names;
  }

  private Shelf shelf(String username) {
    return shelves.computeIfAbsent(username, u -> new Shelf());
  }

  private static Bookmark find(Shelf shelf, String type, int key, Integer verseNumber) {
    for (Bookmark b : shelf.bookmarks.values()) {
      if (b.type.equals(type) && b.key == key && Objects.equals(b.verseNumber, verseNumber)) {
        return b;
      }
    }
    return null;
  }

  private Map<String, Object> collectionJson(Collection c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id);
    json.put("name", c.name);
    json.put(
        "slug",
        c.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", ""));
    json.put("isPrivate", false);
    json.put("isDefault", false);
    json.put("updatedAt", c.updatedAt.toString());
    json.put("bookmarksCount", c.bookmarkIds.size());
    json.put("resourcesCount", c.bookmarkIds.size());
    json.put("count", c.bookmarkIds.size());
    return json;
  }

  private Map<String, Object> bookmarkJson(Bookmark b) {
    Map<String, Object> json = bookmarkFields(b, "type", "group");
    json.put("collectionsCount", collectionsCount(b));
    return json;
  }

  /**
   * A bookmark's fields as QF sends them; the ayahs-range answer spells type and group {@code
   * bookmarkType} and {@code bookmarkGroup}, the others {@code type} and {@code group}.
   */
  private static Map<String, Object> bookmarkFields(Bookmark b, String typeName, String groupName) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", b.id);
    json.put("createdAt", b.createdAt.toString());
    json.put(typeName, b.type);
    json.put("key", b.key);
    json.put("verseNumber", b.verseNumber);
    json.put(groupName, group(b.type));
    json.put("isInDefaultCollection", b.inDefault);
    json.put("isReading", b.isReading);
    return json;
  }

  private int collectionsCount(Bookmark b) {
    int count = 0;
    for (Shelf shelf : shelves.values()) {
      for (Collection c : shelf.collections.values()) {
        if (c.bookmarkIds.contains(b.id)) {
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

  private Instant now() {
    return clock.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** A cuid-like id such as QF uses ("c" and 24 lowercase letters and digits). */
  private String newId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder("c");
    for (int i = 0; i < 24; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
