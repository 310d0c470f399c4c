package dev.qfauth;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Optional;

/**
 * Ends sessions: removes one from the store, revokes its refresh token when configured (RFC 7009),
 * and builds QF's end-session URL when QF's own session should end too (OIDC RP-Initiated Logout
 * 1.0). Thread-safe.
 */
record Logouts(QfAuthConfig config, SessionStore store, TokenEndpoint tokens, Provider provider) {
  private static final System.Logger LOG = System.getLogger(Logouts.class.getName());

  /**
   * Ends the session for {@code handle} (nothing when there is none).
   *
   * @return the provider's end-session URL to send the browser to, or {@code null} when QF's own
   *     session is left alone (no QF_POST_LOGOUT_REDIRECT_URI, no ID token, or no end-session
   *     endpoint known)
   */
  URI logout(String handle) {
    Optional<QfSession> removed =
        handle == null ? Optional.empty() : store.remove(config.environment(), handle);
    if (removed.isEmpty()) {
      return null;
    }
    QfSession session = removed.get();
    if (config.revokeOnLogout() && session.refreshToken() != null) {
      tokens.revoke(session.refreshToken(), "refresh_token");
    }
    LOG.log(Level.INFO, "QF user {0} signed out", session.sub());
    if (config.postLogoutRedirectUri() == null || session.idToken() == null) {
      return null;
    }
    URI endSession;
    try {
      endSession = provider.metadata().endSessionEndpoint();
    } catch (QfAuthException e) {
      return null;
    }
    if (endSession == null) {
      return null;
    }
    // Hydra refuses post_logout_redirect_uri without id_token_hint; an expired hint is fine.
    String query =
        "id_token_hint="
            + TokenEndpoint.form(session.idToken().reveal())
            + "&post_logout_redirect_uri="
            + TokenEndpoint.form(config.postLogoutRedirectUri().toString())
            + "&state="
            + Randoms.token();
    return URI.create(endSession + (endSession.toString().contains("?") ? "&" : "?") + query);
  }

  /** Names no part: what a pluggable store prints is not this record's to vouch for. */
  @Override
  public String toString() {
    return "Logouts[" + config.environment() + "]";
  }
}
