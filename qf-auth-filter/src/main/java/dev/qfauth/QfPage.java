package dev.qfauth;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paged User API list. Forwards: pass {@link #endCursor()} as {@code after}
 * while {@link #hasNextPage()}; backwards: pass {@link #startCursor()} as {@code before} while
 * {@link #hasPreviousPage()}. Cursors are {@code null} when the API sent none. Immutable.
 */
public record QfPage<T>(
    List<T> items,
    String startCursor,
    String endCursor,
    boolean hasNextPage,
    boolean hasPreviousPage) {
  public QfPage {
    items = List.copyOf(items);
  }

  /** A page known only forwards (the shape before both directions were kept). */
  public QfPage(List<T> items, String endCursor, boolean hasNextPage) {
    this(items, null, endCursor, hasNextPage, false);
  }

  /** The same page with each item mapped. */
  public <R> QfPage<R> map(Function<? super T, ? extends R> mapper) {
    return new QfPage<>(
        items.stream().<R>map(mapper).toList(),
        startCursor,
        endCursor,
        hasNextPage,
        hasPreviousPage);
  }
}
