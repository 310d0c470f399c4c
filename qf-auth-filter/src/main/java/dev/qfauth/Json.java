package dev.qfauth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper, with input limits suited to small OAuth and API documents. */
final class Json {
  // No buffer recycling in ThreadLocals (Jackson's default): it leaves a BufferRecycler of the
  // app's Jackson on the container's threads (Tomcat's Catalina-utility thread runs init), which
  // kept every undeployed app's class loader reachable (qf-auth-container-it, Redeploys). Buffers
  // are then allocated per parse: only on calls to QF, never on the signed-in pass-through.
  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .disable(JsonFactory.Feature.USE_THREAD_LOCAL_FOR_BUFFER_RECYCLING)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxStringLength(1_000_000)
                          .build())
                  .build())
          .build();

  /**
   * Refuses an object that names a member twice (RFC 8259 4 leaves it to the parser; Jackson keeps
   * the last by default), for documents whose every member we act on: two readers of the same text
   * must not see different values.
   */
  private static final ObjectReader STRICT =
      MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private static final ObjectReader LENIENT = MAPPER.reader();

  private Json() {}

  /** Parses {@code text}; returns {@code null} when it is not JSON. */
  static JsonNode parseOrNull(String text) {
    return parseOrNull(LENIENT, text);
  }

  /**
   * Parses {@code text}; returns {@code null} when it is not JSON or an object in it names a member
   * more than once.
   */
  static JsonNode parseStrictOrNull(String text) {
    return parseOrNull(STRICT, text);
  }

  private static JsonNode parseOrNull(ObjectReader reader, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return reader.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not serialisable as JSON: " + value.getClass().getName(), e);
    }
  }

  /** A text field, or {@code null} when absent or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
