package dev.qfauth;

import java.util.List;

/**
 * One page of a Relay-paged User API list ({@code first}/{@code after}). Pass {@link #endCursor()}
 * as {@code after} to get the next page while {@link #hasNextPage()}.
 */
public record QfPage<T>(List<T> items, String endCursor, boolean hasNextPage) {
  public QfPage {
    items = List.copyOf(items);
  }
}
