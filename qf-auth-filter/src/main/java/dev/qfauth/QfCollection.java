package dev.qfauth;

import com.fasterxml.jackson.databind.JsonNode;

/** A user's collection, as {@code /auth/v1/collections} returns it. */
public record QfCollection(
    String id,
    String name,
    String slug,
    boolean isPrivate,
    boolean isDefault,
    String updatedAt,
    int bookmarksCount) {

  static QfCollection of(dev.qfauth.api.Collection c) {
    return new QfCollection(
        c.id(),
        c.name(),
        c.slug(),
        c.isPrivate(),
        c.isDefault(),
        c.updatedAt() == null ? null : c.updatedAt().toString(),
        c.bookmarksCount());
  }

  static QfCollection from(JsonNode json) {
    return new QfCollection(
        Json.text(json, "id"),
        Json.text(json, "name"),
        Json.text(json, "slug"),
        json.path("isPrivate").asBoolean(false),
        json.path("isDefault").asBoolean(false),
        Json.text(json, "updatedAt"),
        json.path("bookmarksCount").asInt(0));
  }
}
