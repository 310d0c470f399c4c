package dev.qfauth.api;

/** The mushaf (layout and script) a bookmark's key or a reading range refers to. */
public enum Mushaf {
  QCF_V2(1),
  QCF_V1(2),
  INDOPAK(3),
  /** The usual choice for text apps. */
  UTHMANI_HAFS(4),
  KFGQPC_HAFS(5),
  INDOPAK_15_LINES(6),
  INDOPAK_16_LINES(7),
  TAJWEED(11),
  QCF_TAJWEED_V4(19);

  private final int id;

  Mushaf(int id) {
    this.id = id;
  }

  /** The API's {@code mushafId}. */
  public int id() {
    return id;
  }

  /**
   * The mushaf with API id {@code id}.
   *
   * @throws IllegalArgumentException naming the allowed ids
   */
  public static Mushaf of(int id) {
    for (Mushaf m : values()) {
      if (m.id == id) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "mushafId must be one of 1, 2, 3, 4, 5, 6, 7, 11, 19, got " + id);
  }

  static Mushaf orNull(Integer id) {
    if (id == null) {
      return null;
    }
    for (Mushaf m : values()) {
      if (m.id == id) {
        return m;
      }
    }
    return null;
  }
}
