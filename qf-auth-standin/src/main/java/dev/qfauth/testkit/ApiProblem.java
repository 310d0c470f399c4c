package dev.qfauth.testkit;

/**
 * A User API request the stand-in refuses, thrown by a family's handler and turned into QF's error
 * body {@code {message, type, success:false}} by {@link UserApi}. Changes nothing: handlers
 * validate before they touch state.
 */
final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  private ApiProblem(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  /** 422, as QF answers a well-formed request whose parameters or body fail validation. */
  static ApiProblem invalid(String message) {
    return new ApiProblem(422, "unprocessable_entity", message);
  }

  /** 400, as QF answers a body that is not JSON at all. */
  static ApiProblem badRequest(String message) {
    return new ApiProblem(400, "invalid_request", message);
  }

  static ApiProblem notFound() {
    return new ApiProblem(404, "not_found", "The requested resource could not be found");
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
