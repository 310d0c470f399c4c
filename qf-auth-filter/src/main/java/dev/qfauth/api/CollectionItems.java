package dev.qfauth.api;

import dev.qfauth.QfPage;

/** One collection and a page of its bookmarks. */
public record CollectionItems(BookmarkCollection collection, QfPage<Bookmark> bookmarks) {}
