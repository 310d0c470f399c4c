package dev.qfauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** Lets container-style code see the QF user: {@code getUserPrincipal().getName()} is the sub. */
final class SignedInRequest extends HttpServletRequestWrapper {
  /** The authentication scheme reported by {@link #getAuthType()}. */
  static final String AUTH_TYPE = "QF_OIDC";

  private final Principal principal;

  SignedInRequest(HttpServletRequest request, String sub) {
    super(request);
    this.principal = new QfPrincipal(sub);
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  @Override
  public String getAuthType() {
    return AUTH_TYPE;
  }

  private record QfPrincipal(String getName) implements Principal {}
}
