package dev.qfauth.api;

import dev.qfauth.QfPage;

/** One collection and a page of its bookmarks. */
public record CollectionItems(Collection collection, QfPage<Bookmark> bookmarks) {}
