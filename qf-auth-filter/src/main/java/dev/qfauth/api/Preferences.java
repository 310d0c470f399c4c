package dev.qfauth.api;

import dev.qfauth.QfApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The user's Quran.com preferences ({@code preference} scope). Thread-safe. */
public final class Preferences {
  private final QfApiClient api;

  public Preferences(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** Every preference group the user has. */
  @Calls(Operation.PREFERENCES_GET)
  public UserPreferences get() {
    return UserPreferences.from(Wire.data(api.send(Operation.PREFERENCES_GET.request().build())));
  }

  /**
   * Sets one preference, e.g. {@code set(THEME, "type", "dark", mushaf)}.
   *
   * @param value any JSON value (text, number, boolean, list)
   */
  @Calls(Operation.PREFERENCES_SET)
  public void set(PreferenceGroup group, String key, Object value, Mushaf mushaf) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a preference needs a key");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("group", group.wire());
    body.put("key", key);
    body.put("value", Objects.requireNonNull(value, "value"));
    api.send(Operation.PREFERENCES_SET.request().query("mushafId", mushaf.id()).body(body).build());
  }

  /**
   * Sets several groups at once: each group's object replaces the settings it names, e.g. {@code
   * Map.of(THEME, Map.of("type", "dark"))}.
   */
  @Calls(Operation.PREFERENCES_SET_BULK)
  public void setAll(Map<PreferenceGroup, ? extends Map<String, ?>> groups, Mushaf mushaf) {
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException("name at least one preference group");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    groups.forEach((group, settings) -> body.put(group.wire(), settings));
    api.send(
        Operation.PREFERENCES_SET_BULK.request().query("mushafId", mushaf.id()).body(body).build());
  }
}
