package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The user's preferences, by group; each group is QF's JSON object (e.g. {@code theme} holds {@code
 * {"type":"dark"}}), so settings QF adds later are not lost.
 */
public record UserPreferences(Map<PreferenceGroup, JsonNode> groups) {
  public UserPreferences {
    groups = Map.copyOf(groups);
  }

  /** One group, when the user has it. */
  public Optional<JsonNode> group(PreferenceGroup group) {
    return Optional.ofNullable(groups.get(group));
  }

  /** One setting as text, e.g. {@code text(THEME, "type")} is {@code dark}. */
  public Optional<String> text(PreferenceGroup group, String key) {
    return group(group).map(g -> Wire.text(g, key));
  }

  static UserPreferences from(JsonNode data) {
    Map<PreferenceGroup, JsonNode> groups = new EnumMap<>(PreferenceGroup.class);
    for (PreferenceGroup group : PreferenceGroup.values()) {
      JsonNode value = data.get(group.wire());
      if (value != null && !value.isNull()) {
        groups.put(group, value.deepCopy());
      }
    }
    return new UserPreferences(groups);
  }
}
