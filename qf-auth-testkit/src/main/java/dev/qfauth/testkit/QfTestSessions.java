package dev.qfauth.testkit;

import com.nimbusds.jwt.SignedJWT;
import dev.qfauth.QfAuthConfig;
import dev.qfauth.QfAuthFilter;
import dev.qfauth.QfSession;
import dev.qfauth.Secret;
import dev.qfauth.SessionStore;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Signed-in requests for a host app's servlet tests without going through the login, as Spring
 * Security's {@code oidcLogin()} does for MockMvc: put a session for a {@link QfTestUser} straight
 * into the running {@link QfAuthFilter}'s store and send its cookie.
 *
 * <pre>{@code
 * String cookie = QfTestSessions.signIn(servletContext, standIn, QfTestUser.ALICE);
 * HttpRequest request = HttpRequest.newBuilder(appUrl.resolve("/collections"))
 *     .header("Cookie", cookie)
 *     .build();   // the app sees QfUserContext for alice; user.api() calls reach the stand-in
 * }</pre>
 *
 * <p>The tokens are minted by the stand-in ({@link QfStandIn#issueTokens}) for the filter's own
 * client and scopes, so the app's {@link dev.qfauth.QfUserContext#api()} calls, refreshes and
 * logout work against the stand-in exactly as after a real sign-in. Requirements: the filter has
 * started in {@code context} (it publishes {@link QfAuthFilter#STORE_ATTRIBUTE} and {@link
 * QfAuthFilter#CONFIG_ATTRIBUTE} in {@code init}); it is configured with the stand-in's {@link
 * QfStandIn#authBaseUrl()} and {@link QfStandIn#apiBaseUrl()}; the stand-in knows its client id
 * (and secret, for refresh); and the filter's classes are the test's own (an embedded container
 * serving the app from the class path, not a war with its own {@code WEB-INF/lib}).
 *
 * <p>Needs {@code qf-auth-filter} on the class path; the testkit declares it {@code provided}.
 * Thread-safe.
 */
public final class QfTestSessions {
  /** ID-token claims the filter drops from a session (dev.qfauth.Sessions): protocol only. */
  private static final Set<String> PROTOCOL_CLAIMS = Set.of("nonce", "at_hash", "c_hash");

  private static final SecureRandom RANDOM = new SecureRandom();

  private QfTestSessions() {}

  /**
   * Signs {@code user} in to the app whose filter runs in {@code context}, with the scopes the
   * filter requests ({@code QF_SCOPES}) minus those the user withholds, and returns the {@code
   * Cookie} header value that carries the new session, e.g. {@code QF_SESSION=...}. The stand-in
   * registers (or replaces) {@code user}; no token call is made, so {@link QfStandIn#tokenCalls()}
   * is unchanged.
   *
   * @throws IllegalStateException when no qf-auth filter has started in {@code context}, its
   *     classes come from another class loader, or it is not pointed at {@code standIn}
   * @throws IllegalArgumentException when the stand-in does not know the filter's client id
   */
  public static String signIn(ServletContext context, QfStandIn standIn, QfTestUser user) {
    QfAuthConfig config =
        attribute(
            context.getAttribute(QfAuthFilter.CONFIG_ATTRIBUTE),
            QfAuthFilter.CONFIG_ATTRIBUTE,
            QfAuthConfig.class);
    SessionStore store =
        attribute(
            context.getAttribute(QfAuthFilter.STORE_ATTRIBUTE),
            QfAuthFilter.STORE_ATTRIBUTE,
            SessionStore.class);
    requirePointedAt(
        QfAuthConfig.AUTH_BASE_URL,
        config.authBaseUrl().toString(),
        standIn.authBaseUrl().toString());
    requirePointedAt(
        QfAuthConfig.API_BASE_URL, config.apiBaseUrl().toString(), standIn.apiBaseUrl().toString());

    QfIssuedTokens tokens =
        standIn.issueTokens(config.clientId(), user, config.scopes().toArray(String[]::new));
    // The filter refuses a config without openid, so there is always an ID token.
    String idToken = tokens.idToken().orElseThrow();
    QfSession session =
        new QfSession(
            user.sub(),
            Secret.of(tokens.accessToken()),
            config.clock().instant().plus(tokens.expiresIn()),
            tokens.refreshToken().map(Secret::of).orElse(null),
            Secret.of(idToken),
            Set.copyOf(tokens.scopes()),
            userClaims(idToken));
    String handle = newHandle();
    store.put(config.environment(), handle, session);
    return QfAuthFilter.SESSION_COOKIE + "=" + handle;
  }

  // Takes the value, not the ServletContext: the Eclipse Transformer leaves a Servlet type in a
  // generic method's signature untouched, and qf-auth-testkit-javax is made by it.
  private static <T> T attribute(Object value, String name, Class<T> type) {
    if (value == null) {
      throw new IllegalStateException(
          "no qf-auth filter has started in this servlet context (attribute "
              + name
              + " is missing): start the container, with QfAuthFilter mapped, first");
    }
    if (!type.isInstance(value)) {
      throw new IllegalStateException(
          "attribute "
              + name
              + " holds a "
              + value.getClass().getName()
              + " from another class loader (a war with its own WEB-INF/lib?): serve the app"
              + " from the test's class path to sign users in directly");
    }
    return type.cast(value);
  }

  private static void requirePointedAt(String setting, String configured, String standIn) {
    if (!configured.equals(standIn)) {
      throw new IllegalStateException(
          "the app's "
              + setting
              + " is "
              + configured
              + ", not the stand-in's "
              + standIn
              + ": tokens minted here would not work there");
    }
  }

  /** The verified ID token's claims, as the filter keeps them after a real sign-in. */
  private static Map<String, Object> userClaims(String idToken) {
    Map<String, Object> claims = new HashMap<>();
    try {
      SignedJWT.parse(idToken)
          .getJWTClaimsSet()
          .toJSONObject()
          .forEach(
              (name, value) -> {
                if (value != null && !PROTOCOL_CLAIMS.contains(name)) {
                  claims.put(name, value);
                }
              });
    } catch (ParseException e) {
      throw new IllegalStateException("the stand-in minted an unreadable ID token", e);
    }
    return claims;
  }

  /**
   * A handle in the only shape the filter accepts from a cookie: 32 random bytes, base64url without
   * padding (43 characters).
   */
  private static String newHandle() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
