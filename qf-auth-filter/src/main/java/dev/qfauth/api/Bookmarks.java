package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiException;
import dev.qfauth.QfApiRequest;
import dev.qfauth.QfErrorCode;
import dev.qfauth.QfPage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The user's bookmarks ({@code bookmark} scope and its children): pages, juz, surahs and ayahs.
 * Thread-safe; get it from {@code QfUserContext.api().bookmarks()}.
 */
public final class Bookmarks {
  private final QfApiClient api;

  public Bookmarks(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** One page of the bookmarks matching {@code query} (one type). */
  @Calls(Operation.BOOKMARKS_LIST)
  public QfPage<Bookmark> list(BookmarkQuery query, PageRequest page) {
    QfApiRequest.Builder request = Operation.BOOKMARKS_LIST.request();
    query.applyTo(request);
    page.applyTo(request);
    return Wire.page(api.send(request.build()), Bookmark::from);
  }

  /** Every matching bookmark, fetched page by page as the stream is read, at most maxPages. */
  public Stream<Bookmark> stream(BookmarkQuery query, int pageSize, int maxPages) {
    return Pages.stream(PageRequest.first(pageSize), maxPages, page -> list(query, page));
  }

  /**
   * Every bookmark of every type in {@code mushaf}: pages, juz, surahs, then ayahs, each type
   * fetched lazily, at most {@code maxPagesPerType} pages each.
   */
  public Stream<Bookmark> streamEveryType(Mushaf mushaf, int pageSize, int maxPagesPerType) {
    PageRequest.first(pageSize); // checked now, not when the stream is read
    return Stream.of(BookmarkType.values())
        .flatMap(type -> stream(BookmarkQuery.of(mushaf, type), pageSize, maxPagesPerType));
  }

  /** The bookmark of {@code target}, if the user has one (empty also when QF answers 404). */
  @Calls(Operation.BOOKMARKS_GET)
  public Optional<Bookmark> get(BookmarkTarget target) {
    QfApiRequest.Builder request = Operation.BOOKMARKS_GET.request();
    target.body().forEach(request::query); // its key, type, verseNumber and mushafId
    JsonNode data;
    try {
      data = Wire.data(api.send(request.build()));
    } catch (QfApiException e) {
      if (e.code() == QfErrorCode.API_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    return data.isObject() && data.has("id") ? Optional.of(Bookmark.from(data)) : Optional.empty();
  }

  /** Saves (adds or updates) the bookmark of {@code target}; returns it. */
  public Bookmark save(BookmarkTarget target) {
    return save(target, null);
  }

  /**
   * Saves the bookmark of {@code target}. {@code isReading = true} makes it the user's one reading
   * bookmark (replacing the previous one); {@code null} leaves that flag alone.
   */
  @Calls(Operation.BOOKMARKS_SAVE)
  public Bookmark save(BookmarkTarget target, Boolean isReading) {
    Map<String, Object> body = target.body();
    if (isReading != null) {
      body.put("isReading", isReading);
    }
    return Bookmark.from(
        Wire.data(api.send(Operation.BOOKMARKS_SAVE.request().body(body).build())));
  }

  /**
   * Deletes a standalone bookmark. One in a collection or Favorites is kept (only its reading flag
   * is cleared): remove it through {@link BookmarkCollections#removeBookmark} instead.
   */
  @Calls(Operation.BOOKMARKS_DELETE)
  public void delete(String bookmarkId) {
    api.send(Operation.BOOKMARKS_DELETE.request(bookmarkId).build());
  }

  /**
   * The ids of the named collections holding the bookmark of {@code target}; with {@code
   * includeFavorites}, also {@link BookmarkCollection#FAVORITES} when it is a favourite.
   */
  @Calls(Operation.BOOKMARKS_COLLECTIONS)
  public List<String> collectionsOf(BookmarkTarget target, boolean includeFavorites) {
    QfApiRequest request =
        Operation.BOOKMARKS_COLLECTIONS
            .request()
            .query("key", target.key())
            .query("type", target.type().wire())
            .query("includeDefault", includeFavorites)
            .query("mushafId", target.mushaf().id())
            .build();
    return List.copyOf(Wire.list(Wire.data(api.send(request)), JsonNode::asText));
  }

  /** The bookmarks on ayahs {@code from}..{@code to} of one surah. */
  @Calls(Operation.BOOKMARKS_AYAHS_RANGE)
  public List<Bookmark> inRange(VerseRange range, Mushaf mushaf) {
    if (range.from().chapter() != range.to().chapter()) {
      throw new IllegalArgumentException("the range must lie within one surah, got " + range);
    }
    QfApiRequest request =
        Operation.BOOKMARKS_AYAHS_RANGE
            .request()
            .query("chapterNumber", range.from().chapter())
            .query("rangeStartAyahNumber", range.from().verse())
            .query("rangeEndAyahNumber", range.to().verse())
            .query("mushafId", mushaf.id())
            .build();
    return List.copyOf(Wire.list(Wire.data(api.send(request)), Bookmark::from));
  }
}
