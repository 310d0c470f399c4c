package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a note is attached to; QF knows one type, {@code reflection} (a QuranReflect post).
 *
 * @param entityType {@code reflection}
 */
public record AttachedEntity(String entityId, String entityType) {
  public AttachedEntity {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(entityType, "entityType");
  }

  /** A QuranReflect reflection with id {@code id}. */
  public static AttachedEntity reflection(String id) {
    return new AttachedEntity(id, "reflection");
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entityId", entityId);
    body.put("entityType", entityType);
    return body;
  }

  static AttachedEntity from(JsonNode json) {
    String id = Wire.text(json, "entityId");
    String type = Wire.text(json, "entityType");
    return new AttachedEntity(id == null ? "" : id, type == null ? "" : type);
  }
}
