package dev.qfauth;

import java.time.Instant;

/**
 * One sign-in in progress, keyed by {@code state}. Kept server-side before the redirect (the
 * verifier never reaches the browser) and consumed exactly once by the callback.
 *
 * @param browser the browser-binding cookie value the sign-in started with (login CSRF guard)
 * @param returnTo the same-origin path to land on afterwards
 */
record LoginTransaction(
    String state,
    String nonce,
    Secret codeVerifier,
    String browser,
    String returnTo,
    Instant createdAt) {

  /**
   * The generated form would print the browser binding (the QF_LOGIN cookie value) and the nonce;
   * logs get only a short tag of the state (house style).
   */
  @Override
  public String toString() {
    return "LoginTransaction[state#"
        + Redaction.tag(state)
        + ", returnTo="
        + returnTo
        + ", createdAt="
        + createdAt
        + "]";
  }
}
