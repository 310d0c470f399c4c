package dev.qfauth.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes to the person in the user's QuranReflect profile, sent by {@link Profile#update} ({@code
 * PUT}, wrapped in {@code user}); only the fields set are sent. The settings are a {@link
 * ProfileSettingsChange}.
 *
 * <pre>{@code
 * ProfileChange.builder().firstName("Aisha").bio("Student of tafsir").build()
 * }</pre>
 */
public final class ProfileChange {
  // A map of the fields set, not nullable fields: null is a value here (it clears bio or country).
  private final Map<String, Object> person;

  private ProfileChange(Builder b) {
    this.person = Collections.unmodifiableMap(new LinkedHashMap<>(b.person));
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  Map<String, Object> person() {
    return person;
  }

  /** Builds a {@link ProfileChange}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> person = new LinkedHashMap<>();

    public Builder firstName(String value) {
      return person("firstName", value);
    }

    public Builder lastName(String value) {
      return person("lastName", value);
    }

    /** The bio; {@code null} clears it. */
    public Builder bio(String value) {
      return person("bio", value);
    }

    /** The country; {@code null} clears it. */
    public Builder country(String value) {
      return person("country", value);
    }

    public Builder removeAvatar(boolean value) {
      return person("removeAvatar", value);
    }

    public ProfileChange build() {
      return new ProfileChange(this);
    }

    private Builder person(String name, Object value) {
      person.put(name, value);
      return this;
    }
  }
}
