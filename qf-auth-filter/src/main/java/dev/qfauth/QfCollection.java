package dev.qfauth;

/** A user's collection, as {@code /auth/v1/collections} returns it. */
public record QfCollection(
    String id,
    String name,
    String slug,
    boolean isPrivate,
    boolean isDefault,
    String updatedAt,
    int bookmarksCount) {}
