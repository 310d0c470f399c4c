package dev.qfauth.api;

import dev.qfauth.QfPage;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks every page of a list lazily: the next page is fetched only when the items of the one before
 * are used up, and never more than {@code maxPages} pages (a guard against a server whose cursor
 * never ends). Forwards from a {@link PageRequest#first} request, backwards from a {@link
 * PageRequest#last} one.
 */
final class Pages<Q, T> implements Iterator<T> {
  private final Function<Q, QfPage<T>> fetch;
  private final BiFunction<Q, QfPage<T>, Q> following;
  private final int maxPages;
  private Q next;
  private Iterator<T> current = java.util.Collections.emptyIterator();
  private int fetched;

  private Pages(
      Q start, int maxPages, Function<Q, QfPage<T>> fetch, BiFunction<Q, QfPage<T>, Q> following) {
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, got " + maxPages);
    }
    this.next = start;
    this.maxPages = maxPages;
    this.fetch = fetch;
    this.following = following;
  }

  static <T> Stream<T> stream(
      PageRequest start, int maxPages, Function<PageRequest, QfPage<T>> fetch) {
    return stream(start, maxPages, fetch, Pages::following);
  }

  /**
   * As {@link #stream(PageRequest, int, Function)} for a list paged by its own query type: {@code
   * following} names the query for the page after {@code asked}, or {@code null} at the end.
   */
  static <Q, T> Stream<T> stream(
      Q start, int maxPages, Function<Q, QfPage<T>> fetch, BiFunction<Q, QfPage<T>, Q> following) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new Pages<>(start, maxPages, fetch, following),
            Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (next == null || fetched >= maxPages) {
        return false;
      }
      Q asked = next;
      QfPage<T> page = fetch.apply(asked);
      fetched++;
      current = page.items().iterator();
      next = following.apply(asked, page);
    }
    return true;
  }

  private static PageRequest following(PageRequest asked, QfPage<?> page) {
    if (page.items().isEmpty()) {
      return null;
    }
    String cursor = asked.forward() ? page.endCursor() : page.startCursor();
    if (cursor != null && cursor.equals(asked.cursor())) {
      return null; // the server handed back the cursor it was given: it would loop
    }
    if (asked.forward()) {
      return page.hasNextPage() && page.endCursor() != null
          ? PageRequest.first(asked.size()).after(page.endCursor())
          : null;
    }
    return page.hasPreviousPage() && page.startCursor() != null
        ? PageRequest.last(asked.size()).before(page.startCursor())
        : null;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
