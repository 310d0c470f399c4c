package dev.qfauth.api;

import dev.qfauth.QfApiRequest;

/**
 * Which page of a cursor-paged list to fetch: {@code first} items {@code after} a cursor, or the
 * {@code last} items {@code before} one (QF never mixes the two). Sizes are 1..20, checked here,
 * before any request. Immutable.
 *
 * <pre>{@code
 * PageRequest.first(20)                      // the first 20
 * PageRequest.first(20).after(page.endCursor())
 * PageRequest.last(10).before(page.startCursor())
 * }</pre>
 */
public final class PageRequest {
  /** The largest page QF serves ({@code first}/{@code last} maximum in the API document). */
  public static final int MAX_SIZE = 20;

  private final boolean forward;
  private final int size;
  private final String cursor;

  private PageRequest(boolean forward, int size, String cursor) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          (forward ? "first" : "last")
              + " must be 1.."
              + MAX_SIZE
              + " (the API's page limit), got "
              + size);
    }
    this.forward = forward;
    this.size = size;
    this.cursor = cursor;
  }

  /** The first {@code size} items (1..20). */
  public static PageRequest first(int size) {
    return new PageRequest(true, size, null);
  }

  /** The last {@code size} items (1..20). */
  public static PageRequest last(int size) {
    return new PageRequest(false, size, null);
  }

  /** The items after {@code cursor} ({@code null}: from the start); only with {@link #first}. */
  public PageRequest after(String cursor) {
    if (!forward) {
      throw new IllegalArgumentException("after goes with first, not last (QF never mixes them)");
    }
    return new PageRequest(true, size, cursor);
  }

  /** The items before {@code cursor} ({@code null}: from the end); only with {@link #last}. */
  public PageRequest before(String cursor) {
    if (forward) {
      throw new IllegalArgumentException("before goes with last, not first (QF never mixes them)");
    }
    return new PageRequest(false, size, cursor);
  }

  public boolean forward() {
    return forward;
  }

  public int size() {
    return size;
  }

  /** The cursor, or {@code null} for the start (forward) or end (backward). */
  public String cursor() {
    return cursor;
  }

  void applyTo(QfApiRequest.Builder request) {
    if (forward) {
      request.query("first", size).query("after", cursor);
    } else {
      request.query("last", size).query("before", cursor);
    }
  }

  @Override
  public String toString() {
    return (forward ? "first=" : "last=")
        + size
        + (cursor == null ? "" : (forward ? " after=" : " before=") + cursor);
  }
}
