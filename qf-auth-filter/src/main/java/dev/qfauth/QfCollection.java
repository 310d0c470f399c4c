package dev.qfauth;

/** A user's collection, as {@code /auth/v1/collections} returns it. */
public record QfCollection(
    String id,
    String name,
    String slug,
    boolean isPrivate,
    boolean isDefault,
    String updatedAt,
    int bookmarksCount) {

  static QfCollection of(dev.qfauth.api.BookmarkCollection c) {
    return new QfCollection(
        c.id(),
        c.name(),
        c.slug(),
        c.isPrivate(),
        c.isDefault(),
        c.updatedAt() == null ? null : c.updatedAt().toString(),
        c.bookmarksCount());
  }
}
