/**
 * qf-auth: sign users in with Quran.Foundation (OAuth 2.0 authorization code + PKCE, OpenID
 * Connect) and call its User APIs, from any Jakarta Servlet 6 container.
 *
 * <p>The entry point is {@link dev.qfauth.QfAuthFilter}, configured by {@link
 * dev.qfauth.QfAuthConfig} (web.xml init-params, system properties or environment variables). On
 * each request the signed-in user is a {@link dev.qfauth.QfUserContext}:
 *
 * <pre>{@code
 * QfUserContext user = QfUserContext.current(request).orElseThrow();
 * String sub = user.sub();                                  // stable QF user id
 * if (user.hasScope("collection")) {
 *   QfPage<BookmarkCollection> page = user.api().collections().list(PageRequest.first(20));
 * }
 * }</pre>
 *
 * The typed User API families ({@code api().bookmarks()}, {@code collections()}, {@code goals()},
 * ...) and their value types live in {@link dev.qfauth.api}.
 *
 * <p>Tokens never reach the browser: they live in a {@link dev.qfauth.SessionStore} (by default a
 * bounded Caffeine cache per environment) behind an opaque cookie. Errors are {@link
 * dev.qfauth.QfAuthException}s carrying a {@link dev.qfauth.QfErrorCode}, an HTTP status and a
 * hint.
 */
package dev.qfauth;
