/**
 * The typed Java SDK for Quran.Foundation's User APIs: one client per family, reached from the
 * signed-in user's {@link dev.qfauth.QfApiClient}.
 *
 * <pre>{@code
 * QfApiClient api = QfUserContext.current().orElseThrow().api();
 * Bookmark saved = api.bookmarks().save(BookmarkTarget.ayah(VerseKey.parse("2:255"), Mushaf.UTHMANI_HAFS));
 * api.bookmarks().streamEveryType(Mushaf.UTHMANI_HAFS, 20, 10).forEach(...);
 * int days = api.withTimeZone(ZoneId.of("Asia/Karachi")).streaks().currentDays();
 * }</pre>
 *
 * <p>Every method checks its input and the granted scope before sending; value types ({@link
 * dev.qfauth.api.VerseKey}, {@link dev.qfauth.api.VerseRange}, {@link
 * dev.qfauth.api.BookmarkTarget}) refuse malformed values when made.
 */
package dev.qfauth.api;
