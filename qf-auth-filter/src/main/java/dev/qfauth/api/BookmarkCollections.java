package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiRequest;
import dev.qfauth.QfPage;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The user's collections ({@code collection} scope and its children). Use {@link
 * BookmarkCollection#FAVORITES} as the id of the virtual Favorites collection. Thread-safe; get it
 * from {@code QfUserContext.api().collections()}.
 */
public final class BookmarkCollections {
  private final QfApiClient api;

  public BookmarkCollections(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** How {@link #list} orders collections. */
  public enum SortBy {
    RECENTLY_UPDATED("recentlyUpdated"),
    ALPHABETICAL("alphabetical"),
    ALPHABETICAL_DESC("alphabeticalDesc");

    final String wire;

    SortBy(String wire) {
      this.wire = wire;
    }
  }

  /** How a collection's bookmarks are ordered. */
  public enum ItemOrder {
    RECENTLY_ADDED("recentlyAdded"),
    VERSE_KEY("verseKey");

    final String wire;

    ItemOrder(String wire) {
      this.wire = wire;
    }
  }

  /** One page of the user's collections, in QF's default order. */
  public QfPage<BookmarkCollection> list(PageRequest page) {
    return list(page, null, null);
  }

  /**
   * One page of the user's collections.
   *
   * @param sortBy {@code null} for QF's default
   * @param containing only collections holding bookmarks of this type; {@code null} for all
   */
  @Calls(Operation.COLLECTIONS_LIST)
  public QfPage<BookmarkCollection> list(PageRequest page, SortBy sortBy, BookmarkType containing) {
    return sortedPage(
        Operation.COLLECTIONS_LIST,
        page,
        sortBy == null ? null : sortBy.wire,
        containing,
        BookmarkCollection::from);
  }

  /** Every collection, fetched page by page as the stream is read, at most {@code maxPages}. */
  public Stream<BookmarkCollection> stream(int pageSize, int maxPages) {
    return Pages.stream(PageRequest.first(pageSize), maxPages, this::list);
  }

  /**
   * One page of the bookmarks of every collection ({@code GET /collections/all}).
   *
   * @param order {@code null} for QF's default
   * @param type {@code null} for every type
   */
  @Calls(Operation.COLLECTIONS_ALL)
  public QfPage<Bookmark> allItems(PageRequest page, ItemOrder order, BookmarkType type) {
    return sortedPage(
        Operation.COLLECTIONS_ALL, page, order == null ? null : order.wire, type, Bookmark::from);
  }

  /**
   * One page of a list that takes {@code sortBy} and a bookmark {@code type} ({@code null}: QF's
   * default, every type).
   */
  private <T> QfPage<T> sortedPage(
      Operation list,
      PageRequest page,
      String sortBy,
      BookmarkType type,
      Function<JsonNode, T> mapper) {
    QfApiRequest.Builder request =
        list.request().query("sortBy", sortBy).query("type", type == null ? null : type.wire());
    page.applyTo(request);
    return Wire.page(api.send(request.build()), mapper);
  }

  /**
   * One collection and a page of its bookmarks.
   *
   * @param order {@code null} for QF's default
   * @throws dev.qfauth.QfApiException {@code API_NOT_FOUND} when there is no such collection
   */
  @Calls(Operation.COLLECTIONS_GET)
  public CollectionItems get(String collectionId, PageRequest page, ItemOrder order) {
    QfApiRequest.Builder request =
        Operation.COLLECTIONS_GET
            .request(collectionId)
            .query("sortBy", order == null ? null : order.wire);
    page.applyTo(request);
    JsonNode body = api.send(request.build());
    JsonNode data = Wire.data(body);
    return new CollectionItems(
        BookmarkCollection.from(data.path("collection")),
        Wire.page(data.path("bookmarks"), body.path("pagination"), Bookmark::from));
  }

  /** Creates a collection. Never retried: a lost answer plus a retry would make two. */
  @Calls(Operation.COLLECTIONS_CREATE)
  public BookmarkCollection create(String name) {
    JsonNode body =
        api.send(Operation.COLLECTIONS_CREATE.request().body(Map.of("name", name(name))).build());
    return BookmarkCollection.from(Wire.data(body));
  }

  /** Renames a collection. */
  @Calls(Operation.COLLECTIONS_RENAME)
  public void rename(String collectionId, String name) {
    api.send(
        Operation.COLLECTIONS_RENAME
            .request(collectionId)
            .body(Map.of("name", name(name)))
            .build());
  }

  /** Deletes a collection (its bookmarks stay unless they become orphans). */
  @Calls(Operation.COLLECTIONS_DELETE)
  public void delete(String collectionId) {
    api.send(Operation.COLLECTIONS_DELETE.request(collectionId).build());
  }

  /** Adds the bookmark of {@code target} to a collection, creating the bookmark if needed. */
  @Calls(Operation.COLLECTIONS_ADD_BOOKMARK)
  public void addBookmark(String collectionId, BookmarkTarget target) {
    api.send(Operation.COLLECTIONS_ADD_BOOKMARK.request(collectionId).body(target.body()).build());
  }

  /** Removes the bookmark of {@code target} from a collection (by details; DELETE with a body). */
  @Calls(Operation.COLLECTIONS_REMOVE_BOOKMARK)
  public void removeBookmark(String collectionId, BookmarkTarget target) {
    api.send(
        Operation.COLLECTIONS_REMOVE_BOOKMARK.request(collectionId).body(target.body()).build());
  }

  /** Removes bookmark {@code bookmarkId} from a collection. */
  @Calls(Operation.COLLECTIONS_REMOVE_BOOKMARK_BY_ID)
  public void removeBookmark(String collectionId, String bookmarkId) {
    api.send(Operation.COLLECTIONS_REMOVE_BOOKMARK_BY_ID.request(collectionId, bookmarkId).build());
  }

  private static String name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a collection needs a name");
    }
    return name;
  }
}
