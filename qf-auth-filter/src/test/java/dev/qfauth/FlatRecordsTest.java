package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.qfauth.api.Bookmark;
import dev.qfauth.api.BookmarkCollection;
import dev.qfauth.api.BookmarkType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class FlatRecordsTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.250Z");

  @Test
  void flatten_bookmark_everyComponentWithTimeAndTypeAsWireText() {
    Bookmark typed = new Bookmark("b1", AT, BookmarkType.AYAH, 2, 255, "g", true, false, 3);

    assertEquals(
        new QfBookmark("b1", "2026-03-01T10:15:30.250Z", "ayah", 2, 255, true),
        FlatRecords.flatten(QfBookmark.class, typed));
  }

  @Test
  void flatten_bookmarkWithoutOptionalParts_nullsStayNull() {
    Bookmark typed = new Bookmark(null, null, null, 18, null, null, false, null, 0);

    assertEquals(
        new QfBookmark(null, null, null, 18, null, false),
        FlatRecords.flatten(QfBookmark.class, typed));
  }

  @Test
  void flatten_collection_everyComponentWithTimeAsIsoText() {
    BookmarkCollection typed = new BookmarkCollection("c1", "Fajr", "fajr", true, false, AT, 7);

    assertEquals(
        new QfCollection("c1", "Fajr", "fajr", true, false, "2026-03-01T10:15:30.250Z", 7),
        FlatRecords.flatten(QfCollection.class, typed));
    assertEquals(
        new QfCollection("c2", null, null, false, true, null, 0),
        FlatRecords.flatten(
            QfCollection.class, new BookmarkCollection("c2", null, null, false, true, null, 0)));
  }

  @Test
  void flatten_typedRecordLacksAComponent_failsNamingBoth() {
    Bookmark typed = new Bookmark("b1", AT, BookmarkType.PAGE, 2, null, null, false, null, 0);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> FlatRecords.flatten(QfCollection.class, typed));
    assertEquals("QfCollection is not a flat Bookmark", e.getMessage());
  }
}
