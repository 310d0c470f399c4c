package dev.qfauth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One authorised User API request as a family handler sees it: the signed-in user, the path
 * variables, the query, the body, and the {@code x-timezone} header. The checks throw {@link
 * ApiProblem} with the message a developer needs ("'mushafId' is required.").
 */
record ApiCall(
    String method,
    Map<String, String> variables,
    Form query,
    String rawBody,
    QfTestUser user,
    String timeZone,
    Instant now) {

  /** The Mushaf ids the spec enumerates. */
  static final Set<Integer> MUSHAFS = Set.of(1, 2, 3, 4, 5, 6, 7, 11, 19);

  String username() {
    return user.username();
  }

  String variable(String name) {
    return variables.get(name);
  }

  /**
   * The user's zone from {@code x-timezone} (an IANA name such as {@code Asia/Karachi}); UTC when
   * the header is absent, as QF's docs warn that days are then computed less accurately.
   */
  ZoneId zone() {
    if (timeZone == null || timeZone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      throw ApiProblem.invalid("'x-timezone' must be an IANA time zone such as 'Asia/Karachi'.");
    }
  }

  /** Today's date where the user is ({@code x-timezone}). */
  LocalDate today() {
    return LocalDate.ofInstant(now, zone());
  }

  // ---- query ----------------------------------------------------------------------------------

  String required(String name) {
    String value = query.get(name);
    if (value == null) {
      throw ApiProblem.invalid("'" + name + "' is required.");
    }
    return value;
  }

  /** An optional integer query parameter within bounds, or null. */
  Integer integer(String name, int min, int max) {
    String raw = query.get(name);
    if (raw == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem
    }
    throw ApiProblem.invalid("'" + name + "' must be an integer from " + min + " to " + max + ".");
  }

  int requiredInteger(String name, int min, int max) {
    required(name);
    return integer(name, min, max);
  }

  /** {@code mushafId}, required where the spec requires it, one of {@link #MUSHAFS}. */
  int mushafId() {
    int id = requiredInteger("mushafId", 1, Integer.MAX_VALUE);
    if (!MUSHAFS.contains(id)) {
      throw ApiProblem.invalid("'mushafId' must be one of " + MUSHAFS + ".");
    }
    return id;
  }

  /** A required enumerated query parameter. */
  String requiredChoice(String name, List<String> allowed) {
    required(name);
    return choice(name, allowed, null);
  }

  /** An optional enumerated query parameter, or {@code fallback}. */
  String choice(String name, List<String> allowed, String fallback) {
    String value = query.get(name);
    if (value == null) {
      return fallback;
    }
    if (!allowed.contains(value)) {
      throw ApiProblem.invalid("'" + name + "' must be one of " + allowed + ".");
    }
    return value;
  }

  Boolean bool(String name) {
    String value = query.get(name);
    if (value == null) {
      return null;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw ApiProblem.invalid("'" + name + "' must be true or false.");
    }
    return Boolean.valueOf(value);
  }

  /** An optional {@code YYYY-MM-DD} query parameter, or null. */
  LocalDate date(String name) {
    String value = query.get(name);
    return value == null ? null : parseDate(name, value);
  }

  static LocalDate parseDate(String name, String value) {
    if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw ApiProblem.invalid("'" + name + "' must be a date as YYYY-MM-DD.");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid("'" + name + "' must be a date as YYYY-MM-DD.");
    }
  }

  // ---- body -----------------------------------------------------------------------------------

  /**
   * The JSON object body, holding no field outside {@code allowed} (the spec's {@code
   * additionalProperties: false}); 400 when it is not a JSON object, 422 on an unknown field.
   */
  JsonNode body(String... allowed) {
    JsonNode node = anyBody();
    List<String> known = List.of(allowed);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiProblem.invalid("'" + name + "' is not allowed.");
      }
    }
    return node;
  }

  /** The JSON object body, any fields (for schemas without {@code additionalProperties: false}). */
  JsonNode anyBody() {
    JsonNode node;
    try {
      node = rawBody == null || rawBody.isBlank() ? null : Responses.JSON.readTree(rawBody);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.badRequest("The request body must be a JSON object");
    }
    return node;
  }

  static boolean present(JsonNode body, String field) {
    return body.has(field) && !body.get(field).isNull();
  }

  static int integer(JsonNode body, String field, int min) {
    JsonNode value = body.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiProblem.invalid("'" + field + "' is required and must be an integer.");
    }
    if (value.asInt() < min) {
      throw ApiProblem.invalid("'" + field + "' must be at least " + min + ".");
    }
    return value.asInt();
  }

  static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw ApiProblem.invalid("'" + field + "' is required and must be a string.");
    }
    return value.asText();
  }

  static String choice(JsonNode body, String field, List<String> allowed) {
    String value = text(body, field);
    if (!allowed.contains(value)) {
      throw ApiProblem.invalid("'" + field + "' must be one of " + allowed + ".");
    }
    return value;
  }

  static boolean bool(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isBoolean()) {
      throw ApiProblem.invalid("'" + field + "' is required and must be a boolean.");
    }
    return value.asBoolean();
  }

  /** An optional {@code mushafId} (or its legacy alias {@code mushaf}) in a body. */
  static Integer mushaf(JsonNode body) {
    for (String field : List.of("mushafId", "mushaf")) {
      if (present(body, field)) {
        int id = integer(body, field, 1);
        if (!MUSHAFS.contains(id)) {
          throw ApiProblem.invalid("'" + field + "' must be one of " + MUSHAFS + ".");
        }
        return id;
      }
    }
    return null;
  }
}
