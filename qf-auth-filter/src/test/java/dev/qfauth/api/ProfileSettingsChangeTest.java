package dev.qfauth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ProfileSettingsChangeTest {

  @Test
  void lists_copiedWhenSet_andUnmodifiable() {
    List<String> languages = new ArrayList<>(List.of("ur"));
    ProfileSettingsChange change =
        ProfileSettingsChange.builder().reflectionLanguages(languages).build();
    languages.add("en");

    assertEquals(List.of("ur"), change.reflectionLanguages());
    assertEquals(Map.of("reflectionLanguages", List.of("ur")), change.body());
    assertThrows(UnsupportedOperationException.class, () -> change.reflectionLanguages().add("en"));
  }

  @Test
  void constructor_nullComponents_notSent() {
    List<String> languages = new ArrayList<>(List.of("en"));
    ProfileSettingsChange change = new ProfileSettingsChange(null, null, languages, false);
    languages.clear();

    assertEquals(
        Map.of("ayahLanguages", List.of("en"), "hideFollowSuggestion", false), change.body());
  }
}
