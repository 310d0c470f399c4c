package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The signed-in user's QuranReflect profile. Fields QF did not send are {@code null}. */
public record UserProfile(
    String id,
    String username,
    String firstName,
    String lastName,
    String email,
    String bio,
    String country,
    String photoUrl,
    String languageIsoCode,
    boolean verified,
    int followersCount,
    int postsCount,
    Instant createdAt) {

  static UserProfile from(JsonNode json) {
    // Unlike /auth/v1, QuranReflect answers with the object itself; accept a data envelope too.
    JsonNode p = json.has("id") || !json.has("data") ? json : json.get("data");
    return WireRecords.read(UserProfile.class, p);
  }
}
