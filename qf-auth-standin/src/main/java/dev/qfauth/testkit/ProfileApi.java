package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed-in user's own QuranReflect profile, {@code {apiBase}/quran-reflect/v1/users/profile}:
 * read (built from the {@link QfTestUser} and the edits), replace the personal fields (PUT), and
 * change the settings (PATCH). QuranReflect answers the profile itself, not wrapped in {@code
 * {success, data}}.
 */
final class ProfileApi {
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

  private final UserStore store;

  ProfileApi(UserStore store) {
    this.store = store;
  }

  List<ApiRoute> routes() {
    return List.of(
        new ApiRoute("GET", PATH, "user.profile.read", this::read),
        new ApiRoute("PUT", PATH, "user.profile.update", this::replace),
        new ApiRoute("PATCH", PATH, "user.profile.update", this::edit));
  }

  private Object read(ApiCall call) {
    call.bool("qdc");
    return ApiReply.bare(store.with(call.username(), s -> json(call, s)));
  }

  private Object replace(ApiCall call) {
    JsonNode user = call.anyBody().get("user");
    if (user == null || !user.isObject()) {
      throw ApiProblem.badRequest("'user' is required and must be an object.");
    }
    Map<String, Object> edits = new LinkedHashMap<>();
    for (var it = user.fields(); it.hasNext(); ) {
      var field = it.next();
      if (!PERSONAL.contains(field.getKey())) {
        continue; // the schema does not forbid other fields; QuranReflect ignores them
      }
      JsonNode value = field.getValue();
      boolean ok =
          switch (field.getKey()) {
            case "removeAvatar" -> value.isBoolean();
            case "avatar" ->
                value.isTextual() && value.asText().matches("data:image/[a-z]+;base64,.*");
            case "bio", "country" -> value.isTextual() || value.isNull();
            default -> value.isTextual();
          };
      if (!ok) {
        throw ApiProblem.badRequest("'user." + field.getKey() + "' has the wrong type.");
      }
      if (!field.getKey().equals("avatar") && !field.getKey().equals("removeAvatar")) {
        edits.put(field.getKey(), value.isNull() ? null : value.asText());
      }
    }
    return ApiReply.bare(
        store.with(
            call.username(),
            s -> {
              s.profile.putAll(edits);
              return json(call, s);
            }));
  }

  private Object edit(ApiCall call) {
    JsonNode body = call.anyBody();
    Map<String, Object> edits = new LinkedHashMap<>();
    for (var it = body.fields(); it.hasNext(); ) {
      var field = it.next();
      if (!SETTINGS.contains(field.getKey())) {
        continue; // the schema does not forbid other fields; QuranReflect ignores them
      }
      JsonNode value = field.getValue();
      boolean ok =
          switch (field.getKey()) {
            case "languageId" -> value.isNumber();
            case "reflectionLanguages", "ayahLanguages" -> isStrings(value);
            default -> value.isBoolean();
          };
      if (!ok) {
        throw ApiProblem.badRequest("'" + field.getKey() + "' has the wrong type.");
      }
      edits.put(field.getKey(), Responses.JSON.convertValue(value, Object.class));
    }
    store.with(
        call.username(),
        s -> {
          s.settings.putAll(edits);
          return null;
        });
    return ApiReply.bare(Map.of("success", true));
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
