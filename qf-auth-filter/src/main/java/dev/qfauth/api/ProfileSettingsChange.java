package dev.qfauth.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes to the user's QuranReflect settings, sent by {@link Profile#edit} ({@code PATCH}); a
 * {@code null} component is left as it is and not sent. The person (name, bio, ...) is a {@link
 * ProfileChange}.
 *
 * <pre>{@code
 * ProfileSettingsChange.builder().languageId(2).reflectionLanguages(List.of("ur")).build()
 * }</pre>
 *
 * @param languageId QuranReflect's id of the user's language, or {@code null}
 * @param reflectionLanguages language codes of the reflections shown, or {@code null}
 * @param ayahLanguages language codes of the ayah translations shown, or {@code null}
 * @param hideFollowSuggestion whether to hide the suggestions whom to follow, or {@code null}
 */
public record ProfileSettingsChange(
    Integer languageId,
    List<String> reflectionLanguages,
    List<String> ayahLanguages,
    Boolean hideFollowSuggestion) {

  /** Copies the lists; {@code null} components are not sent. */
  public ProfileSettingsChange {
    reflectionLanguages = reflectionLanguages == null ? null : List.copyOf(reflectionLanguages);
    ayahLanguages = ayahLanguages == null ? null : List.copyOf(ayahLanguages);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The components set, by their JSON names: the PATCH body. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("languageId", languageId);
    body.put("reflectionLanguages", reflectionLanguages);
    body.put("ayahLanguages", ayahLanguages);
    body.put("hideFollowSuggestion", hideFollowSuggestion);
    body.values().removeIf(Objects::isNull);
    return body;
  }

  /** Builds a {@link ProfileSettingsChange}; not thread-safe. */
  public static final class Builder {
    private Integer languageId;
    private List<String> reflectionLanguages;
    private List<String> ayahLanguages;
    private Boolean hideFollowSuggestion;

    private Builder() {}

    public Builder languageId(int value) {
      this.languageId = value;
      return this;
    }

    public Builder reflectionLanguages(List<String> value) {
      this.reflectionLanguages = List.copyOf(value);
      return this;
    }

    public Builder ayahLanguages(List<String> value) {
      this.ayahLanguages = List.copyOf(value);
      return this;
    }

    public Builder hideFollowSuggestion(boolean value) {
      this.hideFollowSuggestion = value;
      return this;
    }

    public ProfileSettingsChange build() {
      return new ProfileSettingsChange(
          languageId, reflectionLanguages, ayahLanguages, hideFollowSuggestion);
    }
  }
}
