package dev.qfauth.testkit;

/**
 * The stand-in's URL layout. Every OAuth endpoint sits on Hydra's path under the auth base; the
 * User API lives under {@code /api}, so {@code {apiBase}/auth/v1/collections} mirrors QF's {@code
 * https://apis.quran.foundation/auth/v1/collections}.
 */
record Endpoints(String authBase, String issuer, String apiBase) {
  static final String DISCOVERY = "/.well-known/openid-configuration";
  static final String JWKS = "/.well-known/jwks.json";
  static final String AUTHORIZE = "/oauth2/auth";
  static final String TOKEN = "/oauth2/token";
  static final String REVOKE = "/oauth2/revoke";
  static final String END_SESSION = "/oauth2/sessions/logout";
  static final String USERINFO = "/userinfo";
  static final String LOGIN = "/login";
  static final String API = "/api";

  static Endpoints of(String host, int port, boolean issuerTrailingSlash) {
    String authBase = "http://" + host + ":" + port;
    return new Endpoints(authBase, issuerTrailingSlash ? authBase + "/" : authBase, authBase + API);
  }

  String url(String path) {
    return authBase + path;
  }
}
