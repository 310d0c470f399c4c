package dev.qfauth.api;

import dev.qfauth.QfApiClient;
import java.util.Map;
import java.util.Objects;

/**
 * The signed-in user's own QuranReflect profile, under {@code /quran-reflect/v1/users/profile}
 * ({@code user.profile} scope). The rest of QuranReflect (posts, rooms, comments, other users) is
 * reached with {@link QfApiClient#send}. Thread-safe.
 */
public final class Profile {
  private final QfApiClient api;

  public Profile(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  @Calls(Operation.PROFILE_GET)
  public UserProfile get() {
    return UserProfile.from(api.send(Operation.PROFILE_GET.request().build()));
  }

  /**
   * Changes the person fields set in {@code change} (name, bio, country, avatar removal).
   *
   * @throws IllegalArgumentException when {@code change} sets none
   */
  @Calls(Operation.PROFILE_UPDATE)
  public UserProfile update(ProfileChange change) {
    if (change.person().isEmpty()) {
      throw new IllegalArgumentException(
          "set at least one of firstName, lastName, bio, country, removeAvatar");
    }
    return UserProfile.from(
        api.send(Operation.PROFILE_UPDATE.request().body(Map.of("user", change.person())).build()));
  }

  /**
   * Changes the settings set in {@code change} (languages, follow suggestions).
   *
   * @throws IllegalArgumentException when {@code change} sets none
   */
  @Calls(Operation.PROFILE_EDIT)
  public void edit(ProfileSettingsChange change) {
    if (change.body().isEmpty()) {
      throw new IllegalArgumentException(
          "set at least one of languageId, reflectionLanguages, ayahLanguages, hideFollowSuggestion");
    }
    api.send(Operation.PROFILE_EDIT.request().body(change.body()).build());
  }
}
