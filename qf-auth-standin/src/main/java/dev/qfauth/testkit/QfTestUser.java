package dev.qfauth.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A Quran.Foundation account as the stand-in knows it: the name a tester signs in with, the stable
 * {@code sub}, the profile claims, and the scopes this user refuses to grant.
 *
 * <p>The ID token carries {@code name}, {@code first_name} and {@code last_name} whenever they are
 * set, and {@code email} only when the {@code email} or {@code user} scope was granted (QF's guide
 * lists email "if email scope granted"; mapping {@code user} to it too is our inference).
 *
 * <p>The scope granted at login is the requested scope minus {@link #withheldScopes()}, where
 * withholding a parent scope ({@code collection}) also withholds its children ({@code
 * collection.read}), as on QF's consent screen.
 *
 * <p>Immutable and thread-safe. Null components mean "no such claim".
 *
 * @param username the login name typed on the stand-in's sign-in page; also how test controls refer
 *     to the user
 * @param sub the OIDC subject; defaults to a UUID derived from the username, so it is stable across
 *     runs
 * @param email the {@code email} claim, or null
 * @param name the {@code name} claim, or null; defaults to first and last name joined
 * @param firstName the {@code first_name} claim, or null
 * @param lastName the {@code last_name} claim, or null
 * @param withheldScopes scopes this user never grants; never null
 */
public record QfTestUser(
    String username,
    String sub,
    String email,
    String name,
    String firstName,
    String lastName,
    Set<String> withheldScopes) {

  /**
   * Alice, a demo user with an email address and seeded collections (see {@link
   * QfStandIn#seedDemoData()}).
   */
  public static final QfTestUser ALICE =
      builder("alice").firstName("Alice").lastName("Rahman").email("alice@example.com").build();

  /** Bilal, a second demo user. */
  public static final QfTestUser BILAL =
      builder("bilal").firstName("Bilal").lastName("Haddad").email("bilal@example.com").build();

  /** Validates and normalises the components; see the record description for defaults. */
  public QfTestUser {
    Objects.requireNonNull(username, "username");
    username = username.strip();
    if (username.isEmpty()
        || username.length() > 64
        || username.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "username must be 1 to 64 printable characters, got '" + username + "'");
    }
    if (sub == null || sub.isBlank()) {
      sub =
          UUID.nameUUIDFromBytes(("qf-stand-in:" + username).getBytes(StandardCharsets.UTF_8))
              .toString();
    }
    if (name == null && (firstName != null || lastName != null)) {
      name = (Objects.toString(firstName, "") + " " + Objects.toString(lastName, "")).strip();
    }
    withheldScopes = withheldScopes == null ? Set.of() : Set.copyOf(withheldScopes);
  }

  /** A user with only a username; its {@code name} claim is the username. */
  public static QfTestUser of(String username) {
    return builder(username).name(username.strip()).build();
  }

  /** Starts a builder for a user who signs in as {@code username}. */
  public static Builder builder(String username) {
    return new Builder(username);
  }

  /** A copy of this user who withholds {@code scopes} in addition to those already withheld. */
  public QfTestUser withWithheldScopes(String... scopes) {
    Set<String> all = new LinkedHashSet<>(withheldScopes);
    all.addAll(Arrays.asList(scopes));
    return new QfTestUser(username, sub, email, name, firstName, lastName, all);
  }

  /** Whether this user grants {@code scope} when an application asks for it. */
  boolean grants(String scope) {
    return !Scopes.covers(withheldScopes, scope);
  }

  /**
   * The profile claims of this user's ID tokens and userinfo answers, by the rule of the record
   * description: {@code name}, {@code first_name} and {@code last_name} when set, then {@code
   * email} when set and {@code scopes} hold {@code email} or {@code user}.
   */
  Map<String, Object> profileClaims(Collection<String> scopes) {
    Map<String, Object> claims = new LinkedHashMap<>();
    putIfSet(claims, "name", name);
    putIfSet(claims, "first_name", firstName);
    putIfSet(claims, "last_name", lastName);
    if (scopes.contains("email") || scopes.contains("user")) {
      putIfSet(claims, "email", email);
    }
    return claims;
  }

  private static void putIfSet(Map<String, Object> claims, String name, String value) {
    if (value != null) {
      claims.put(name, value);
    }
  }

  /** Builds a {@link QfTestUser}; not thread-safe. */
  public static final class Builder {
    private final String username;
    private String sub;
    private String email;
    private String name;
    private String firstName;
    private String lastName;
    private final Set<String> withheldScopes = new LinkedHashSet<>();

    private Builder(String username) {
      this.username = username;
    }

    /** Sets the OIDC subject. */
    public Builder sub(String sub) {
      this.sub = sub;
      return this;
    }

    /** Sets the {@code email} claim. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /** Sets the {@code name} claim. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the {@code first_name} claim. */
    public Builder firstName(String firstName) {
      this.firstName = firstName;
      return this;
    }

    /** Sets the {@code last_name} claim. */
    public Builder lastName(String lastName) {
      this.lastName = lastName;
      return this;
    }

    /** Adds scopes the user refuses to grant, e.g. {@code "collection"}. */
    public Builder withholdScopes(String... scopes) {
      withheldScopes.addAll(Arrays.asList(scopes));
      return this;
    }

    /** Builds the user; fails on a blank or over-long username. */
    public QfTestUser build() {
      return new QfTestUser(username, sub, email, name, firstName, lastName, withheldScopes);
    }
  }
}
