package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /auth/v1/preferences}: the user's reader settings by group ({@code theme}, {@code
 * translations} ...), read whole, set one key at a time, or merged in bulk.
 */
record PreferencesApi(UserStore store) {
  /** Each group's keys, as the spec's {@code Preference} schema lists them. */
  static final Map<String, List<String>> KEYS =
      Map.of(
          "theme", List.of("type"),
          "reading",
              List.of(
                  "readingPreference",
                  "hadithLanguage",
                  "selectedWordByWordLocale",
                  "wordClickFunctionality",
                  "isReadingByRevelationOrder",
                  "wordByWordContentType",
                  "wordByWordDisplay",
                  "wordByWordTooltipContentType",
                  "wordByWordInlineContentType",
                  "selectedReadingTranslation",
                  "selectedReflectionLanguages",
                  "selectedLessonLanguages"),
          "quranReaderStyles",
              List.of(
                  "tafsirFontScale",
                  "quranTextFontScale",
                  "translationFontScale",
                  "wordByWordFontScale",
                  "reflectionFontScale",
                  "qnaFontScale",
                  "lessonFontScale",
                  "surahInfoFontScale",
                  "hadithFontScale",
                  "layersFontScale",
                  "quranFont",
                  "mushafLines",
                  "showTajweedRules",
                  "copyVerseAsGlyphs"),
          "translations", List.of("selectedTranslations"),
          "tafsirs", List.of("selectedTafsirs"),
          "audio",
              List.of(
                  "reciter",
                  "playbackRate",
                  "showTooltipWhenPlayingAudio",
                  "enableAutoScrolling",
                  "repeatSettings"),
          "language", List.of("language"),
          "userHasCustomised", List.of("userHasCustomised"));

  static final List<String> GROUPS =
      List.of(
          "theme",
          "reading",
          "quranReaderStyles",
          "translations",
          "tafsirs",
          "audio",
          "language",
          "userHasCustomised");

  private static final String BASE = "/auth/v1/preferences";

  @Route(method = "GET", path = BASE, scope = "preference.read")
  private Object read(ApiCall call) {
    return store.with(
        call.username(),
        s -> {
          Map<String, Object> json = new LinkedHashMap<>();
          s.preferences.forEach((group, values) -> json.put(group, new LinkedHashMap<>(values)));
          return json;
        });
  }

  @Route(method = "POST", path = BASE, scope = "preference.update")
  private Object set(ApiCall call) {
    call.mushafId();
    JsonNode body = call.body("group", "key", "value");
    String group = ApiCall.choice(body, "group", GROUPS);
    String key = ApiCall.choice(body, "key", KEYS.get(group));
    if (!body.has("value")) {
      throw ApiProblem.invalid("'value' is required.");
    }
    Object value = Responses.JSON.convertValue(body.get("value"), Object.class);
    store.with(
        call.username(),
        s -> s.preferences.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(key, value));
    return ApiReply.message("preference updated");
  }

  @Route(method = "POST", path = BASE + "/bulk", scope = "preference.update")
  private Object bulk(ApiCall call) {
    call.mushafId();
    JsonNode body = call.body(GROUPS.toArray(String[]::new));
    if (body.isEmpty()) {
      throw ApiProblem.invalid("Send at least one preference group.");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> group = it.next();
      if (!group.getValue().isObject()) {
        throw ApiProblem.invalid("'" + group.getKey() + "' must be an object of settings.");
      }
      for (Iterator<String> keys = group.getValue().fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!KEYS.get(group.getKey()).contains(key)) {
          throw ApiProblem.invalid("'" + group.getKey() + "." + key + "' is not allowed.");
        }
      }
    }
    store.with(
        call.username(),
        s -> {
          body.fields()
              .forEachRemaining(
                  group -> {
                    Map<String, Object> values =
                        s.preferences.computeIfAbsent(group.getKey(), g -> new LinkedHashMap<>());
                    group
                        .getValue()
                        .fields()
                        .forEachRemaining(
                            e ->
                                values.put(
                                    e.getKey(),
                                    Responses.JSON.convertValue(e.getValue(), Object.class)));
                  });
          return null;
        });
    return ApiReply.message("preferences updated");
  }
}
