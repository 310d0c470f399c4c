package dev.qfauth.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QF's Relay-style cursor paging: {@code first}+{@code after} or {@code last}+{@code before}, sizes
 * 1 to 20, the cursor being an item id; never mixed.
 */
final class Paging {
  static final int MAX = 20;

  /** A page: its items and QF's {@code pagination} object. */
  record Result(List<Map<String, Object>> items, Map<String, Object> pagination) {}

  private Paging() {}

  /** The page the query asks for; 422 on bad paging parameters. */
  static Result page(List<Map<String, Object>> all, Form query) {
    String first = query.get("first");
    String after = query.get("after");
    String last = query.get("last");
    String before = query.get("before");
    if ((first != null || after != null) && (last != null || before != null)) {
      throw ApiProblem.invalid(
          "Use 'first' with 'after', or 'last' with 'before'; they cannot be mixed.");
    }
    boolean backwards = last != null || before != null;
    Integer size = size(backwards ? last : first);
    if (size == null) {
      throw ApiProblem.invalid(
          "'" + (backwards ? "last" : "first") + "' must be an integer from 1 to " + MAX + ".");
    }
    if (!backwards) {
      int start = after == null ? 0 : indexOf(all, after) + 1;
      if (after != null && start == 0) {
        throw ApiProblem.invalid("The 'after' cursor does not point at an item of this list.");
      }
      return slice(all, start, Math.min(all.size(), start + size));
    }
    int end = before == null ? all.size() : indexOf(all, before);
    if (before != null && end < 0) {
      throw ApiProblem.invalid("The 'before' cursor does not point at an item of this list.");
    }
    return slice(all, Math.max(0, end - size), end);
  }

  /** Items {@code start} to {@code end} (exclusive) of {@code all}, with their cursors. */
  static Result slice(List<Map<String, Object>> all, int start, int end) {
    List<Map<String, Object>> items = List.copyOf(all.subList(start, end));
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("startCursor", items.isEmpty() ? null : items.get(0).get("id"));
    pagination.put("endCursor", items.isEmpty() ? null : items.get(items.size() - 1).get("id"));
    pagination.put("hasNextPage", end < all.size());
    pagination.put("hasPreviousPage", start > 0);
    return new Result(items, pagination);
  }

  /** The position of the item with {@code id}, or -1. */
  static int indexOf(List<Map<String, Object>> all, String id) {
    for (int i = 0; i < all.size(); i++) {
      if (id.equals(all.get(i).get("id"))) {
        return i;
      }
    }
    return -1;
  }

  private static Integer size(String raw) {
    if (raw == null) {
      return MAX;
    }
    try {
      int n = Integer.parseInt(raw);
      return n >= 1 && n <= MAX ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
