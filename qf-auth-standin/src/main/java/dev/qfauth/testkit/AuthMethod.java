package dev.qfauth.testkit;

import java.util.Locale;

/** The {@code token_endpoint_auth_method} values the stand-in knows (RFC 7591 2). */
enum AuthMethod {
  CLIENT_SECRET_BASIC,
  CLIENT_SECRET_POST,
  NONE;

  /** The registered name, e.g. {@code client_secret_basic}. */
  String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
