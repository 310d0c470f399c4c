package dev.qfauth.testkit;

import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * Replaces mock-oauth2-server's MockWebServer dispatcher. Its {@link OAuth2HttpRequest} URL-decodes
 * the form body and the {@code Cookie} header eagerly, so one malformed {@code %} escape (say in a
 * cookie that a browser on {@code localhost} forwards from the application) threw inside the
 * dispatcher and left the client waiting forever; here it becomes a 400.
 *
 * <p>An {@link Interceptor}, when installed, sees every request first and decides what goes back.
 */
final class StandInDispatcher extends Dispatcher {
  /**
   * Sees every request before the stand-in answers it, and may answer differently: the hook of
   * {@link QfHostileProvider}. Called concurrently, one thread per connection.
   */
  interface Interceptor {
    /**
     * @param genuine computes the stand-in's own answer (with its side effects: a code redeemed, a
     *     token rotated, a call counted); call it at most once, or not at all
     */
    MockResponse intercept(RecordedRequest request, Supplier<OAuth2HttpResponse> genuine);
  }

  private final Route route;
  private volatile Interceptor interceptor;

  StandInDispatcher(Route route) {
    this.route = route;
  }

  /** Installs {@code interceptor}, or removes the current one when {@code null}. */
  void interceptor(Interceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    Interceptor current = interceptor;
    MockResponse response =
        current != null
            ? current.intercept(recorded, () -> answer(recorded))
            : toMock(answer(recorded));
    return "HEAD".equals(recorded.getMethod()) ? withoutContent(response) : response;
  }

  /**
   * RFC 9110 9.3.2: a HEAD answer has the GET's headers and no content. MockWebServer sends
   * whatever body it is given, and a client that keeps the connection (HttpURLConnection, under
   * pac4j's discovery check) then reads that body as the next answer's status line.
   */
  private static MockResponse withoutContent(MockResponse response) {
    Buffer body = response.getBody();
    long length = body == null ? 0 : body.size();
    return response.setBody(new Buffer()).setHeader("Content-Length", length);
  }

  private OAuth2HttpResponse answer(RecordedRequest recorded) {
    OAuth2HttpRequest request;
    try {
      request =
          new OAuth2HttpRequest(
              recorded.getHeaders(),
              recorded.getMethod(),
              recorded.getRequestUrl(),
              recorded.getBody().clone().readUtf8());
    } catch (IllegalArgumentException e) {
      return Responses.oauthError(
          OAuthError.invalidRequest(
              "The query, form body or Cookie header is not validly URL-encoded."),
          false);
    }
    return route.invoke(request);
  }

  static MockResponse toMock(OAuth2HttpResponse response) {
    return new MockResponse()
        .setHeaders(response.getHeaders())
        .setResponseCode(response.getStatus())
        .setBody(response.getBody() == null ? "" : response.getBody());
  }
}
