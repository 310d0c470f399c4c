package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qfauth.QfPage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads QF's JSON leniently: a missing or malformed field is {@code null} (or 0/false), and fields
 * the SDK does not know are ignored, so a server that adds fields breaks nothing.
 */
final class Wire {
  private Wire() {}

  static JsonNode data(JsonNode body) {
    return body.path("data");
  }

  /** The {@code data} array as items and {@code pagination} as the page's cursors. */
  static <T> QfPage<T> page(JsonNode body, Function<JsonNode, T> mapper) {
    return page(data(body), body.path("pagination"), mapper);
  }

  static <T> QfPage<T> page(JsonNode items, JsonNode pagination, Function<JsonNode, T> mapper) {
    return new QfPage<>(
        list(items, mapper),
        text(pagination, "startCursor"),
        text(pagination, "endCursor"),
        pagination.path("hasNextPage").asBoolean(false),
        pagination.path("hasPreviousPage").asBoolean(false));
  }

  static <T> List<T> list(JsonNode array, Function<JsonNode, T> mapper) {
    List<T> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(item -> out.add(mapper.apply(item)));
    }
    return out;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  static Integer integer(JsonNode node, String field) {
    return typed(node, field, JsonNode::isNumber, JsonNode::intValue);
  }

  static int integer(JsonNode node, String field, int otherwise) {
    Integer value = integer(node, field);
    return value != null ? value : otherwise;
  }

  static Long longValue(JsonNode node, String field) {
    return typed(node, field, JsonNode::isNumber, JsonNode::longValue);
  }

  static Double decimal(JsonNode node, String field) {
    return typed(node, field, JsonNode::isNumber, JsonNode::doubleValue);
  }

  static Boolean bool(JsonNode node, String field) {
    return typed(node, field, JsonNode::isBoolean, JsonNode::booleanValue);
  }

  /** The field read by {@code read} when it is of the type {@code is} checks, else {@code null}. */
  private static <T> T typed(
      JsonNode node, String field, Predicate<JsonNode> is, Function<JsonNode, T> read) {
    JsonNode value = node.get(field);
    return value != null && is.test(value) ? read.apply(value) : null;
  }

  static boolean bool(JsonNode node, String field, boolean otherwise) {
    Boolean value = bool(node, field);
    return value != null ? value : otherwise;
  }

  static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A {@code YYYY-MM-DD} date, or the date part of a date-time. */
  static LocalDate date(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null || text.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(text.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static List<String> texts(JsonNode node, String field) {
    return List.copyOf(list(node.get(field), item -> item.asText()));
  }

  /** QF's range strings ({@code 1:1-1:7}, possibly comma-joined); unreadable ones are skipped. */
  static List<VerseRange> ranges(JsonNode node, String field) {
    List<VerseRange> out = new ArrayList<>();
    for (String text : texts(node, field)) {
      try {
        out.addAll(VerseRange.parseAll(List.of(text)));
      } catch (IllegalArgumentException skipped) {
        // tolerated: one odd range must not hide the rest of the answer
      }
    }
    return List.copyOf(out);
  }

  static <E extends Enum<E>> E constant(Class<E> type, String name) {
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  /** Caller input quoted in an error message: short, no control characters. */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 40; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c);
    }
    return text.length() > 40 ? out + "…" : out.toString();
  }
}
