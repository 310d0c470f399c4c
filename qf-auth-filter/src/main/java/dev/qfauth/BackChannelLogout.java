package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * OIDC Back-Channel Logout 1.0: QF posts a logout token when a user's QF session ends, and every
 * session of that user (or of that QF session, {@code sid}) ends here, on every node that shares
 * the store. Servlet-free; {@link BackChannelLogoutHandler} speaks HTTP.
 */
final class BackChannelLogout {
  private static final System.Logger LOG = System.getLogger(BackChannelLogout.class.getName());

  /** Back-Channel Logout 2.4: the member of {@code events} that makes a JWT a logout token. */
  static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

  private static final int MAX_TOKEN_LENGTH = 16 * 1024;
  private static final int MAX_CLAIM_LENGTH = 255;

  private final QfEnvironment environment;
  private final IdTokenVerifier verifier;
  private final SessionStore store;
  private final Duration skew;

  BackChannelLogout(QfAuthConfig config, IdTokenVerifier verifier, SessionStore store) {
    if (!store.supportsBackChannelLogout()) {
      throw new QfConfigException(
          QfAuthConfig.BACKCHANNEL_LOGOUT_PATH
              + " is set, but the session store "
              + store.getClass().getName()
              + " cannot find sessions by user: use the default store or qf-auth-redis, or unset"
              + " it");
    }
    this.environment = config.environment();
    this.verifier = verifier;
    this.store = store;
    this.skew = config.clockSkew();
  }

  /**
   * Verifies {@code logoutToken} (2.6) and ends the sessions it names.
   *
   * @return how many sessions ended (0 is a success too: the user may have none here)
   * @throws QfAuthException {@link QfErrorCode#BAD_REQUEST} naming the failed check, and nothing
   *     ended; {@link QfErrorCode#PROVIDER_UNAVAILABLE} when QF's keys could not be loaded
   */
  int logOut(String logoutToken) {
    if (logoutToken == null || logoutToken.isEmpty() || logoutToken.length() > MAX_TOKEN_LENGTH) {
      throw refused("the request has no logout_token, or one longer than 16 KB");
    }
    JWTClaimsSet claims;
    try {
      // 2.6 steps 1-3: a signed JWT (never encrypted: we register no JWE), checked as an ID token
      // is (OIDC Core 3.1.3.7): signature with QF's keys, iss, aud (and azp), iat, exp.
      claims = verifier.verifyLogoutToken(logoutToken);
    } catch (QfAuthException e) {
      if (e.code() == QfErrorCode.PROVIDER_UNAVAILABLE) {
        throw e;
      }
      throw refused(e.getMessage());
    }
    // 2.6 step 4: sub, sid or both (2.4).
    String sub = claims.getSubject();
    String sid = text(claims, "sid");
    if (sub == null && sid == null) {
      throw refused("The logout token has neither sub nor sid (Back-Channel Logout 2.4).");
    }
    // 2.6 step 5: events holds the back-channel logout member, a JSON object.
    Object events = claims.getClaim("events");
    if (!(events instanceof Map<?, ?> members) || !(members.get(EVENT) instanceof Map<?, ?>)) {
      throw refused("The logout token's events claim has no " + EVENT + " member (2.4).");
    }
    // 2.6 step 6: no nonce, so an ID token can never pass for a logout token.
    if (claims.getClaim("nonce") != null) {
      throw refused("The logout token has a nonce, which is forbidden (2.4).");
    }
    // 2.6 step 7 (optional in the spec, done here): a jti seen before is a replay.
    String jti = text(claims, "jti");
    if (jti == null) {
      throw refused("The logout token has no jti (2.4).");
    }
    Instant keepUntil = claims.getExpirationTime().toInstant().plus(skew);
    if (!store.firstUseOfLogoutToken(environment, jti, keepUntil)) {
      throw refused("This logout token was used before (its jti was seen).");
    }
    int ended = store.removeSessionsOfUser(environment, sub, sid);
    LOG.log(
        Level.INFO,
        "QF back-channel logout of sub {0}: {1} session(s) ended ({2})",
        sub == null ? "(by sid)" : sub,
        ended,
        environment);
    return ended;
  }

  /** A string claim, or null; a non-string or overlong one is refused. */
  private static String text(JWTClaimsSet claims, String name) {
    try {
      String value = claims.getStringClaim(name);
      if (value != null && (value.isEmpty() || value.length() > MAX_CLAIM_LENGTH)) {
        throw refused("The logout token's " + name + " is empty or longer than 255 characters.");
      }
      return value;
    } catch (ParseException e) {
      throw refused("The logout token's " + name + " is not a string.");
    }
  }

  private static QfAuthException refused(String why) {
    return new QfAuthException(QfErrorCode.BAD_REQUEST, why);
  }
}
