package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qfauth.api.Bookmark;
import dev.qfauth.api.BookmarkType;
import org.junit.jupiter.api.Test;

/** How the bookmarks page names each bookmark type. */
final class BookmarksServletTest {

  private static Bookmark bookmark(BookmarkType type, int key, Integer verse) {
    return new Bookmark("b-1", null, type, key, verse, null, false, null, 0);
  }

  @Test
  void label_everyType_namesItAsAReaderWould() {
    assertEquals("Ayah 2:255", BookmarksServlet.label(bookmark(BookmarkType.AYAH, 2, 255)));
    assertEquals("Surah 18", BookmarksServlet.label(bookmark(BookmarkType.SURAH, 18, null)));
    assertEquals("Juz 30", BookmarksServlet.label(bookmark(BookmarkType.JUZ, 30, null)));
    assertEquals("Page 604", BookmarksServlet.label(bookmark(BookmarkType.PAGE, 604, null)));
  }

  @Test
  void label_typeUnknownToTheSdk_stillShowsTheKey() {
    assertEquals("Bookmark 7", BookmarksServlet.label(bookmark(null, 7, null)));
  }
}
