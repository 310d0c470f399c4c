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
      return person("firstName", value);
    }

    public Builder lastName(String value) {
      return person("lastName", value);
    }

    public Builder bio(String value) {
      return person("bio", value);
    }

    public Builder country(String value) {
      return person("country", value);
    }

    public Builder removeAvatar(boolean value) {
      return person("removeAvatar", value);
    }

    public Builder languageId(int value) {
      return settings("languageId", value);
    }

    public Builder reflectionLanguages(List<String> value) {
      return settings("reflectionLanguages", List.copyOf(value));
    }

    public Builder ayahLanguages(List<String> value) {
      return settings("ayahLanguages", List.copyOf(value));
    }

    public Builder hideFollowSuggestion(boolean value) {
      return settings("hideFollowSuggestion", value);
    }

    public ProfileChange build() {
      return new ProfileChange(this);
    }

    private Builder person(String name, Object value) {
      person.put(name, value);
      return this;
    }

    private Builder settings(String name, Object value) {
      settings.put(name, value);
      return this;
    }
  }
}
