package dev.qfauth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testsupport.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sign-in as a browser does it, step by step over HTTP: the protected page sends it to the
 * filter's /login, that to the stand-in's authorize endpoint with PKCE, the stand-in's sign-in form
 * is posted, and the stand-in's redirect goes back to the app's callback. Behind the proxy the
 * browser speaks to the published https address; {@link #toLocal} plays the proxy.
 */
final class SignIn {
  private static final Pattern CHALLENGE =
      Pattern.compile("name=\"login_challenge\" value=\"([^\"]+)\"");

  private final Browser browser;
  private final Deployment.Addresses at;

  SignIn(Browser browser, Deployment.Addresses at) {
    this.browser = browser;
    this.at = at;
  }

  /**
   * Asks for {@code page} (a local URL), signs in as {@code username} on the stand-in's form, and
   * returns the answer to the page asked for, reached through the redirects.
   */
  HttpResponse<String> to(URI page, URI redirectUri, String username) {
    HttpResponse<String> protectedPage = browser.get(page);
    assertEquals(302, protectedPage.statusCode(), protectedPage.body());
    URI login = toLocal(Browser.redirectTarget(protectedPage));
    assertTrue(login.getPath().endsWith("/login"), login::toString);

    HttpResponse<String> toProvider = browser.get(login);
    assertEquals(302, toProvider.statusCode(), toProvider.body());
    assertCookie(toProvider, "QF_LOGIN");
    URI authorize = Browser.redirectTarget(toProvider);
    Map<String, String> query = Browser.query(authorize.toString());
    assertEquals(redirectUri.toString(), query.get("redirect_uri"));
    assertEquals("S256", query.get("code_challenge_method"));
    assertEquals(43, query.get("code_challenge").length(), "RFC 7636 4.2: BASE64URL(SHA-256)");

    HttpResponse<String> form = browser.get(authorize);
    assertEquals(200, form.statusCode(), form.body());
    Matcher challenge = CHALLENGE.matcher(form.body());
    assertTrue(challenge.find(), form.body());
    HttpResponse<String> approved =
        browser.postForm(
            authorize.resolve("/login"),
            "login_challenge="
                + URLEncoder.encode(challenge.group(1), StandardCharsets.UTF_8)
                + "&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8));
    assertEquals(302, approved.statusCode(), approved.body());
    URI callback = Browser.redirectTarget(approved);
    assertTrue(callback.toString().startsWith(redirectUri + "?"), callback::toString);

    HttpResponse<String> signedIn = browser.get(toLocal(callback));
    assertEquals(302, signedIn.statusCode(), signedIn.body());
    assertCookie(signedIn, "QF_SESSION");
    URI back = toLocal(Browser.redirectTarget(signedIn));
    assertEquals(page.getPath(), back.getPath());
    return browser.get(back);
  }

  /** A URL on the published address, as the proxy forwards it to the container. */
  URI toLocal(URI uri) {
    if (uri.getHost() != null && uri.getHost().equals(at.published().getHost())) {
      String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      return at.local().resolve(rest);
    }
    if (uri.isAbsolute()) {
      assertEquals(at.local().getAuthority(), uri.getAuthority(), uri::toString);
    }
    return uri;
  }

  /** The filter's cookie: HttpOnly, SameSite=Lax, and Secure exactly when the app is on https. */
  void assertCookie(HttpResponse<String> response, String name) {
    List<String> headers =
        response.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith(name + "="))
            .toList();
    assertEquals(1, headers.size(), headers::toString);
    List<String> attributes = List.of(headers.get(0).split("; "));
    assertTrue(attributes.contains("HttpOnly"), headers::toString);
    assertTrue(attributes.contains("SameSite=Lax"), headers::toString);
    assertEquals(
        "https".equals(at.published().getScheme()),
        attributes.contains("Secure"),
        headers::toString);
  }
}
