package dev.qfauth.api;

import dev.qfauth.QfPage;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks every page of a list lazily: the next page is fetched only when the items of the one before
 * are used up, and never more than {@code maxPages} pages (a guard against a server whose cursor
 * never ends). Forwards from a {@link PageRequest#first} request, backwards from a {@link
 * PageRequest#last} one.
 */
final class Pages<T> implements Iterator<T> {
  private final Function<PageRequest, QfPage<T>> fetch;
  private final int maxPages;
  private PageRequest next;
  private Iterator<T> current = java.util.Collections.emptyIterator();
  private int fetched;

  private Pages(PageRequest start, int maxPages, Function<PageRequest, QfPage<T>> fetch) {
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, got " + maxPages);
    }
    this.next = start;
    this.maxPages = maxPages;
    this.fetch = fetch;
  }

  static <T> Stream<T> stream(
      PageRequest start, int maxPages, Function<PageRequest, QfPage<T>> fetch) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new Pages<>(start, maxPages, fetch), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (next == null || fetched >= maxPages) {
        return false;
      }
      PageRequest asked = next;
      QfPage<T> page = fetch.apply(asked);
      fetched++;
      current = page.items().iterator();
      next = following(asked, page);
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
