package dev.qfauth.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A note to create: its body (6..10000 characters, checked when made), whether QF should also save
 * it to QuranReflect, and optionally the ayah ranges or reflection it is about.
 *
 * <pre>{@code
 * NewNote.builder("Patience before the reward.").range(VerseRange.parse("2:153-2:157")).build()
 * }</pre>
 *
 * @param attachedEntity the reflection it is attached to, or {@code null}
 */
public record NewNote(
    String body,
    boolean saveToQuranReflect,
    List<VerseRange> ranges,
    AttachedEntity attachedEntity) {

  /**
   * @throws IllegalArgumentException when the body is shorter than 6 or longer than 10000
   *     characters
   */
  public NewNote {
    Note.checkBody(body);
    ranges = List.copyOf(ranges);
  }

  public static Builder builder(String body) {
    return new Builder(body);
  }

  Map<String, Object> requestBody() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("body", body);
    out.put("saveToQR", saveToQuranReflect);
    if (attachedEntity != null) {
      out.put("attachedEntity", attachedEntity.body());
    }
    if (!ranges.isEmpty()) {
      out.put("ranges", ranges.stream().map(VerseRange::toString).toList());
    }
    return out;
  }

  /** Builds a {@link NewNote}; not thread-safe. */
  public static final class Builder {
    private final String body;
    private boolean saveToQuranReflect;
    private final List<VerseRange> ranges = new ArrayList<>();
    private AttachedEntity attachedEntity;

    private Builder(String body) {
      this.body = body;
    }

    /** Also save it to QuranReflect ({@code saveToQR}); default false. */
    public Builder saveToQuranReflect(boolean save) {
      this.saveToQuranReflect = save;
      return this;
    }

    public Builder range(VerseRange range) {
      ranges.add(Objects.requireNonNull(range, "range"));
      return this;
    }

    public Builder attachedTo(AttachedEntity entity) {
      this.attachedEntity = entity;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the body is shorter than 6 or longer than 10000
     *     characters
     */
    public NewNote build() {
      return new NewNote(body, saveToQuranReflect, ranges, attachedEntity);
    }
  }
}
