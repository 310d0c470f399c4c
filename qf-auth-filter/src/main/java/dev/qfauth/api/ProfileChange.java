package dev.qfauth.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to the user's QuranReflect profile; only the fields set are sent. {@link Profile#update}
 * sends the person fields ({@code PUT}, wrapped in {@code user}); {@link Profile#edit} sends the
 * settings ({@code PATCH}).
 *
 * <pre>{@code
 * ProfileChange.builder().firstName("Aisha").bio("Student of tafsir").build()
 * }</pre>
 */
public final class ProfileChange {
  private final Map<String, Object> person;
  private final Map<String, Object> settings;

  private ProfileChange(Builder b) {
    this.person = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.person));
    this.settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
  }

  public static Builder builder() {
    return new Builder();
  }

  Map<String, Object> person() {
    return person;
  }

  Map<String, Object> settings() {
    return settings;
  }

  /** Builds a {@link ProfileChange}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> person = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();

    public Builder firstName(String value) {
      person.put("firstName", value);
      return this;
    }

    public Builder lastName(String value) {
      person.put("lastName", value);
      return this;
    }

    public Builder bio(String value) {
      person.put("bio", value);
      return this;
    }

    public Builder country(String value) {
      person.put("country", value);
      return this;
    }

    public Builder removeAvatar(boolean value) {
      person.put("removeAvatar", value);
      return this;
    }

    public Builder languageId(int value) {
      settings.put("languageId", value);
      return this;
    }

    public Builder reflectionLanguages(List<String> value) {
      settings.put("reflectionLanguages", List.copyOf(value));
      return this;
    }

    public Builder ayahLanguages(List<String> value) {
      settings.put("ayahLanguages", List.copyOf(value));
      return this;
    }

    public Builder hideFollowSuggestion(boolean value) {
      settings.put("hideFollowSuggestion", value);
      return this;
    }

    public ProfileChange build() {
      return new ProfileChange(this);
    }
  }
}
