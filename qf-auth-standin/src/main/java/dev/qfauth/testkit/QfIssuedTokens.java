package dev.qfauth.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A token set minted by {@link QfStandIn#issueTokens}: what a token response would have carried. A
 * class rather than a record so that no generated {@code toString()} can print a token: {@link
 * #toString()} shows only the lifetime and scopes.
 *
 * <p>Immutable and thread-safe.
 */
public final class QfIssuedTokens {
  private final String accessToken;
  private final Duration expiresIn;
  private final String refreshToken;
  private final String idToken;
  private final List<String> scopes;

  QfIssuedTokens(
      String accessToken,
      Duration expiresIn,
      String refreshToken,
      String idToken,
      List<String> scopes) {
    this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    this.expiresIn = Objects.requireNonNull(expiresIn, "expiresIn");
    this.refreshToken = refreshToken;
    this.idToken = idToken;
    this.scopes = List.copyOf(scopes);
  }

  /** The access token, for {@code x-auth-token}. */
  public String accessToken() {
    return accessToken;
  }

  /** The access token's lifetime from the moment it was issued ({@code expires_in}). */
  public Duration expiresIn() {
    return expiresIn;
  }

  /** The refresh token, present when {@code offline_access} was granted. */
  public Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** The signed ID token, present when {@code openid} was granted; it has no {@code nonce}. */
  public Optional<String> idToken() {
    return Optional.ofNullable(idToken);
  }

  /** The granted scopes, in the order requested. */
  public List<String> scopes() {
    return scopes;
  }

  @Override
  public String toString() {
    return "QfIssuedTokens[expiresIn="
        + expiresIn
        + ", scopes="
        + scopes
        + ", refreshToken="
        + (refreshToken == null ? "none" : "***")
        + ", idToken="
        + (idToken == null ? "none" : "***")
        + "]";
  }
}
