package dev.qfauth.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.qfauth.QfSession;
import dev.qfauth.Secret;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link QfSession} as canonical JSON: fixed field order, sorted scopes and claim names, so equal
 * sessions give equal bytes (the store's compare-and-set relies on it). Claims that the kept ID
 * token already holds are left out, as {@link QfSession} itself does in memory.
 *
 * <p>Stateless and thread-safe.
 */
final class SessionCodec {
  // Whole numbers come back as Long, as nimbus gives ID-token claims (exp, iat) in the first place.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private SessionCodec() {}

  static byte[] encode(QfSession session) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sub", session.sub());
    json.put("at", session.accessToken().reveal());
    json.put("exp", session.accessTokenExpiresAt().toEpochMilli());
    json.put("rt", session.refreshToken() == null ? null : session.refreshToken().reveal());
    json.put("it", session.idToken() == null ? null : session.idToken().reveal());
    json.put("scopes", new TreeSet<>(session.scopes()));
    json.put("claims", claimsToStore(session));
    // The times the filter's idle window, maximum age and refresh leeway are computed from: a
    // session read back without them would never reach its maximum and would slide on every
    // request.
    json.put("iat", millis(session.accessTokenIssuedAt()));
    json.put("signedIn", millis(session.signedInAt()));
    json.put("active", millis(session.lastActiveAt()));
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a session claim is not a JSON value", e);
    }
  }

  static QfSession decode(byte[] bytes) throws IOException {
    Map<String, Object> json = JSON.readValue(bytes, MAP);
    @SuppressWarnings("unchecked")
    List<String> scopes = (List<String>) json.get("scopes");
    @SuppressWarnings("unchecked")
    Map<String, Object> claims = (Map<String, Object>) json.get("claims");
    return new QfSession(
        (String) json.get("sub"),
        Secret.of((String) json.get("at")),
        Instant.ofEpochMilli(((Number) json.get("exp")).longValue()),
        secret(json.get("rt")),
        secret(json.get("it")),
        Set.copyOf(scopes),
        claims == null ? Map.of() : claims,
        instant(json.get("iat")),
        instant(json.get("signedIn")),
        instant(json.get("active")));
  }

  /** None when the ID token gives the same claims back (a session then stays small). */
  private static Map<String, Object> claimsToStore(QfSession session) {
    if (session.idToken() != null) {
      QfSession withoutClaims =
          new QfSession(
              session.sub(),
              session.accessToken(),
              session.accessTokenExpiresAt(),
              session.refreshToken(),
              session.idToken(),
              session.scopes(),
              Map.of(),
              session.accessTokenIssuedAt(),
              session.signedInAt(),
              session.lastActiveAt());
      if (withoutClaims.claims().equals(session.claims())) {
        return Map.of();
      }
    }
    return session.claims();
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Instant instant(Object millis) {
    return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
  }

  private static Secret secret(Object value) {
    return value == null ? null : Secret.of((String) value);
  }
}
