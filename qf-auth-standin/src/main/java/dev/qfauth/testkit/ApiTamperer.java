package dev.qfauth.testkit;

import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/** The {@link QfDefect.Family#USER_API} defects, in QF's gateway error shape. */
final class ApiTamperer {
  private final HostileState state;

  ApiTamperer(HostileState state) {
    this.state = state;
  }

  MockResponse answer(RecordedRequest request, Supplier<OAuth2HttpResponse> genuine) {
    QfDefect defect = state.defect(QfDefect.Family.USER_API);
    if (defect == null) {
      return StandInDispatcher.toMock(genuine.get());
    }
    return switch (defect) {
      case API_UNAUTHORIZED_ALWAYS -> unauthorized();
      case API_UNAUTHORIZED_ONCE ->
          state.fireOnce() ? unauthorized() : StandInDispatcher.toMock(genuine.get());
      case API_FORBIDDEN_INSUFFICIENT_SCOPE ->
          RawAnswers.apiError(
              403, "insufficient_scope", "The access token does not have the required scopes");
      case API_RATE_LIMITED ->
          RawAnswers.apiError(429, "rate_limit_exceeded", "Too many requests", "Retry-After", "1");
      case API_RATE_LIMITED_LONG_RETRY_AFTER ->
          RawAnswers.apiError(
              429, "rate_limit_exceeded", "Too many requests", "Retry-After", "86400");
      case API_SERVER_ERROR ->
          RawAnswers.apiError(503, "service_unavailable", "The service is unavailable");
      case API_SERVER_ERROR_ONCE ->
          state.fireOnce()
              ? RawAnswers.apiError(500, "internal_server_error", "Something went wrong")
              : StandInDispatcher.toMock(genuine.get());
      case API_SLOW -> {
        state.staller.hold();
        yield StandInDispatcher.toMock(genuine.get());
      }
      case API_REDIRECTED ->
          RawAnswers.redirect(307, state.attackerBase + request.getRequestUrl().encodedPath());
      case API_ERROR_ECHOES_TOKEN ->
          RawAnswers.apiError(
              400,
              "invalid_request",
              "Token " + request.getHeader("x-auth-token") + " is not valid for this route");
      case API_HUGE -> RawAnswers.huge("application/json");
      default -> throw new IllegalStateException("not a User API defect: " + defect);
    };
  }

  private static MockResponse unauthorized() {
    return RawAnswers.apiError(
        401, "unauthorized", "The access token is invalid, expired or revoked");
  }
}
