package dev.qfauth.testkit;

import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Replaces mock-oauth2-server's MockWebServer dispatcher. Its {@link OAuth2HttpRequest} URL-decodes
 * the form body and the {@code Cookie} header eagerly, so one malformed {@code %} escape (say in a
 * cookie that a browser on {@code localhost} forwards from the application) threw inside the
 * dispatcher and left the client waiting forever; here it becomes a 400.
 */
final class StandInDispatcher extends Dispatcher {
  private final Route route;

  StandInDispatcher(Route route) {
    this.route = route;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    OAuth2HttpRequest request;
    try {
      request =
          new OAuth2HttpRequest(
              recorded.getHeaders(),
              recorded.getMethod(),
              recorded.getRequestUrl(),
              recorded.getBody().clone().readUtf8());
    } catch (IllegalArgumentException e) {
      return toMock(
          Responses.oauthError(
              OAuthError.invalidRequest(
                  "The query, form body or Cookie header is not validly URL-encoded."),
              false));
    }
    return toMock(route.invoke(request));
  }

  private static MockResponse toMock(OAuth2HttpResponse response) {
    return new MockResponse()
        .setHeaders(response.getHeaders())
        .setResponseCode(response.getStatus())
        .setBody(response.getBody() == null ? "" : response.getBody());
  }
}
