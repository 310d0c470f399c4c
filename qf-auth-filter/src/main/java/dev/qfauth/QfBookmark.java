package dev.qfauth;

/**
 * A bookmark, as {@code /auth/v1/bookmarks} returns it.
 *
 * @param type {@code page}, {@code juz}, {@code surah} or {@code ayah}
 * @param key the surah, juz or page number
 * @param verseNumber the ayah within the surah for {@code ayah} bookmarks, else {@code null}
 */
public record QfBookmark(
    String id,
    String createdAt,
    String type,
    int key,
    Integer verseNumber,
    boolean isInDefaultCollection) {}
