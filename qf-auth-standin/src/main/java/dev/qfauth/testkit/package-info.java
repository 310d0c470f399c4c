/**
 * qf-auth-testkit: an in-process stand-in for Quran.Foundation's OAuth 2.0 / OIDC server (Ory
 * Hydra) and its User API, for tests and offline demos.
 *
 * <p>Public types: {@link dev.qfauth.testkit.QfStandIn} (the server and its test controls), {@link
 * dev.qfauth.testkit.QfTestClient} and {@link dev.qfauth.testkit.QfTestUser} (what to register),
 * {@link dev.qfauth.testkit.QfTokenFailure} (spoiling the next token call), {@link
 * dev.qfauth.testkit.QfRecordedRequest} (what a client sent) and {@link
 * dev.qfauth.testkit.QfStandInExtension} (JUnit 5), {@link dev.qfauth.testkit.QfTestSessions} (a
 * signed-in request without the login, for apps behind {@code QfAuthFilter}) and {@link
 * dev.qfauth.testkit.QfIssuedTokens} (tokens minted without the login). Everything else is
 * package-private.
 *
 * <pre>{@code
 * try (QfStandIn qf = QfStandIn.start()) {
 *   qf.confidentialClient("my-app", "s3cr+t%", "http://localhost:8080/qf/callback")
 *       .seedDemoData()              // users "alice" and "bilal", with collections
 *       .autoLogin("alice");         // the next /oauth2/auth approves alice, no page
 *
 *   // configure the application with
 *   //   auth base  qf.authBaseUrl()   (discovery at qf.discoveryUrl())
 *   //   API base   qf.apiBaseUrl()    ({apiBase}/auth/v1/collections ...)
 *
 *   qf.failNextTokenCall(QfTokenFailure.oauthError("invalid_grant", 400));
 *   qf.expireAccessTokens("alice");   // the next User API call gets 401
 *   assert qf.tokenCalls("refresh_token") == 1;
 * }
 * }</pre>
 *
 * <p>Hostile mode: {@link dev.qfauth.testkit.QfHostileProvider} makes a stand-in misbehave one
 * {@link dev.qfauth.testkit.QfDefect} at a time (tampered callbacks, forged ID tokens, spoilt keys,
 * broken, slow or endless endpoints, a lying discovery document, a failing User API), so an
 * application can prove what it refuses.
 */
package dev.qfauth.testkit;
