package dev.qfauth.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth 2.0 client registered with the stand-in, as QF's Developer Console would provision it:
 * confidential (a secret, {@code client_secret_basic} by default) or public (PKCE only, {@code
 * token_endpoint_auth_method=none}), with exact redirect URIs, separate post-logout redirect URIs,
 * and the scopes it may request.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the secret.
 */
public final class QfTestClient {

  /**
   * Scopes a client may request unless {@link Builder#scopes} narrows them: OIDC's {@code openid},
   * {@code offline_access} and {@code email}, and QF's User API scope families. A parent scope also
   * allows its children ({@code collection} allows {@code collection.read}). The legacy {@code
   * offline} is deliberately absent, so a client that still sends it gets {@code invalid_scope}.
   */
  public static final Set<String> DEFAULT_SCOPES =
      Set.of(
          "openid",
          "offline_access",
          "email",
          "user",
          "collection",
          "bookmark",
          "reading_session",
          "preference",
          "activity_day",
          "goal",
          "streak",
          "note",
          "post",
          "comment",
          "room",
          "tag");

  private final String clientId;
  private final String secret;
  private final AuthMethod authMethod;
  private final List<String> redirectUris;
  private final List<String> postLogoutRedirectUris;
  private final Set<String> scopes;

  private QfTestClient(Builder b) {
    this.clientId = b.clientId;
    this.secret = b.secret;
    this.authMethod = b.authMethod;
    this.redirectUris = List.copyOf(b.redirectUris);
    this.postLogoutRedirectUris = List.copyOf(b.postLogoutRedirectUris);
    this.scopes = Set.copyOf(b.scopes);
  }

  /** Starts a confidential client that authenticates with HTTP Basic (QF's default). */
  public static Builder confidential(String clientId, String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("a confidential client needs a non-empty secret");
    }
    return new Builder(clientId, secret, AuthMethod.CLIENT_SECRET_BASIC);
  }

  /**
   * Starts a public client: no secret, {@code client_id} in the token request body, PKCE required.
   */
  public static Builder publicClient(String clientId) {
    return new Builder(clientId, null, AuthMethod.NONE);
  }

  /** The client id. */
  public String clientId() {
    return clientId;
  }

  /** True for a public client ({@code token_endpoint_auth_method=none}). */
  public boolean isPublic() {
    return secret == null;
  }

  /** {@code client_secret_basic}, {@code client_secret_post} or {@code none}. */
  public String tokenEndpointAuthMethod() {
    return authMethod.value();
  }

  AuthMethod authMethod() {
    return authMethod;
  }

  /** The registered redirect URIs, matched exactly (QF: "including the trailing slash"). */
  public List<String> redirectUris() {
    return redirectUris;
  }

  /** The registered post-logout redirect URIs, matched exactly at end-session. */
  public List<String> postLogoutRedirectUris() {
    return postLogoutRedirectUris;
  }

  /** The scopes this client may request (children of a listed scope included). */
  public Set<String> scopes() {
    return scopes;
  }

  /** Constant-time comparison, so tests cannot accidentally rely on timing. */
  boolean secretMatches(String candidate) {
    if (secret == null || candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        secret.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "QfTestClient[clientId="
        + clientId
        + ", authMethod="
        + authMethod.value()
        + (secret == null ? "" : ", secret=***")
        + ", redirectUris="
        + redirectUris
        + ", postLogoutRedirectUris="
        + postLogoutRedirectUris
        + "]";
  }

  /** Builds a {@link QfTestClient}; not thread-safe. */
  public static final class Builder {
    private final String clientId;
    private final String secret;
    private AuthMethod authMethod;
    private final List<String> redirectUris = new ArrayList<>();
    private final List<String> postLogoutRedirectUris = new ArrayList<>();
    private Set<String> scopes = DEFAULT_SCOPES;

    private Builder(String clientId, String secret, AuthMethod authMethod) {
      Objects.requireNonNull(clientId, "clientId");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("clientId must not be blank");
      }
      this.clientId = clientId;
      this.secret = secret;
      this.authMethod = authMethod;
    }

    /** Adds exact redirect URIs (absolute, no fragment). At least one is required. */
    public Builder redirectUris(String... uris) {
      for (String uri : uris) {
        redirectUris.add(checkUri("redirect URI", uri));
      }
      return this;
    }

    /** Adds exact post-logout redirect URIs (absolute, no fragment). */
    public Builder postLogoutRedirectUris(String... uris) {
      for (String uri : uris) {
        postLogoutRedirectUris.add(checkUri("post-logout redirect URI", uri));
      }
      return this;
    }

    /** Replaces {@link #DEFAULT_SCOPES} with the scopes this client may request. */
    public Builder scopes(String... allowed) {
      this.scopes = new LinkedHashSet<>(Arrays.asList(allowed));
      return this;
    }

    /**
     * Makes a confidential client use {@code client_secret_post} (secret in the body) instead of
     * HTTP Basic; Basic is then refused with {@code invalid_client}, as Hydra does.
     */
    public Builder secretInPostBody() {
      if (secret == null) {
        throw new IllegalStateException("a public client has no secret to post");
      }
      this.authMethod = AuthMethod.CLIENT_SECRET_POST;
      return this;
    }

    /** Builds the client; fails when no redirect URI was given. */
    public QfTestClient build() {
      if (redirectUris.isEmpty()) {
        throw new IllegalStateException("client " + clientId + " needs at least one redirect URI");
      }
      return new QfTestClient(this);
    }

    private static String checkUri(String what, String uri) {
      Objects.requireNonNull(uri, what);
      URI parsed;
      try {
        parsed = new URI(uri);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(what + " is not a valid URI: " + uri, e);
      }
      if (!parsed.isAbsolute() || parsed.getFragment() != null) {
        throw new IllegalArgumentException(
            what + " must be absolute and without a fragment: " + uri);
      }
      return uri;
    }
  }
}
