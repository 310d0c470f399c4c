package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The signed-in user's own QuranReflect profile, {@code {apiBase}/quran-reflect/v1/users/profile}:
 * read (built from the {@link QfTestUser} and the edits), replace the personal fields (PUT), and
 * change the settings (PATCH). QuranReflect answers the profile itself, not wrapped in {@code
 * {success, data}}.
 */
record ProfileApi(UserStore store) {
  private static final String PATH = "/quran-reflect/v1/users/profile";
  private static final List<String> PERSONAL =
      List.of("avatar", "firstName", "lastName", "bio", "country", "removeAvatar");
  private static final List<String> SETTINGS =
      List.of(
          "languageId",
          "reflectionLanguages",
          "ayahLanguages",
          "customized",
          "hideFollowSuggestion",
          "showFollowFeaturedSuggestion");

  @Route(method = "GET", path = PATH, scope = "user.profile.read")
  private Object read(ApiCall call) {
    call.bool("qdc");
    return ApiReply.bare(store.with(call.username(), s -> json(call, s)));
  }

  @Route(method = "PUT", path = PATH, scope = "user.profile.update")
  private Object replace(ApiCall call) {
    JsonNode user = call.anyBody().get("user");
    if (user == null || !user.isObject()) {
      throw ApiProblem.badRequest("'user' is required and must be an object.");
    }
    Map<String, Object> edits = new LinkedHashMap<>();
    checkedFields(user, PERSONAL, "user.", ProfileApi::personalTypeOk)
        .forEach(
            (name, value) -> {
              if (!name.equals("avatar") && !name.equals("removeAvatar")) {
                edits.put(name, value.isNull() ? null : value.asText());
              }
            });
    return ApiReply.bare(
        store.with(
            call.username(),
            s -> {
              s.profile.putAll(edits);
              return json(call, s);
            }));
  }

  @Route(method = "PATCH", path = PATH, scope = "user.profile.update")
  private Object edit(ApiCall call) {
    Map<String, Object> edits = new LinkedHashMap<>();
    checkedFields(call.anyBody(), SETTINGS, "", ProfileApi::settingTypeOk)
        .forEach(
            (name, value) -> edits.put(name, Responses.JSON.convertValue(value, Object.class)));
    store.with(
        call.username(),
        s -> {
          s.settings.putAll(edits);
          return null;
        });
    return ApiReply.bare(Map.of("success", true));
  }

  /**
   * The fields of {@code object} named in {@code known}, in order, each checked by {@code typeOk}
   * (a wrong type is a 400 naming {@code prefix + name}). Other fields are skipped: the schema does
   * not forbid them, and QuranReflect ignores them.
   */
  private static Map<String, JsonNode> checkedFields(
      JsonNode object, List<String> known, String prefix, BiPredicate<String, JsonNode> typeOk) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (var it = object.fields(); it.hasNext(); ) {
      var field = it.next();
      if (known.contains(field.getKey())) {
        if (!typeOk.test(field.getKey(), field.getValue())) {
          throw ApiProblem.badRequest("'" + prefix + field.getKey() + "' has the wrong type.");
        }
        fields.put(field.getKey(), field.getValue());
      }
    }
    return fields;
  }

  private static boolean personalTypeOk(String name, JsonNode value) {
    return switch (name) {
      case "removeAvatar" -> value.isBoolean();
      case "avatar" -> value.isTextual() && value.asText().matches("data:image/[a-z]+;base64,.*");
      case "bio", "country" -> value.isTextual() || value.isNull();
      default -> value.isTextual();
    };
  }

  private static boolean settingTypeOk(String name, JsonNode value) {
    return switch (name) {
      case "languageId" -> value.isNumber();
      case "reflectionLanguages", "ayahLanguages" -> isStrings(value);
      default -> value.isBoolean();
    };
  }

  private static boolean isStrings(JsonNode value) {
    if (!value.isArray()) {
      return false;
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> json(ApiCall call, UserStore.State s) {
    QfTestUser user = call.user();
    LocalDate joined = LocalDate.ofInstant(call.now(), ZoneOffset.UTC);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", user.sub());
    json.put("username", user.username());
    json.put("email", user.email());
    json.put("firstName", s.profile.getOrDefault("firstName", user.firstName()));
    json.put("lastName", s.profile.getOrDefault("lastName", user.lastName()));
    json.put("bio", s.profile.get("bio"));
    json.put("country", s.profile.get("country"));
    json.put("avatarUrls", Map.of());
    json.put("createdAt", joined.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    json.put("joiningYear", joined.getYear());
    json.put("isPasswordSet", true);
    json.put("verified", false);
    json.put("postAs", false);
    json.put("postsCount", 0);
    json.put("followersCount", 0);
    json.put("likesCount", 0);
    json.put("isAdmin", false);
    json.put("languageIsoCode", "en");
    json.put("languageId", s.settings.getOrDefault("languageId", 38));
    json.put("settings", new LinkedHashMap<>(s.settings));
    return json;
  }
}
