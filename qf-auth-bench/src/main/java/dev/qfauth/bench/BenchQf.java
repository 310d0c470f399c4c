package dev.qfauth.bench;

import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestClient;
import dev.qfauth.testkit.QfTestUser;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The provider both secured set-ups sign in against: the project's QF stand-in ({@link QfStandIn})
 * on 127.0.0.1 with the bench's client and one user, and the calls that reached it between two
 * {@link #drain()}s, so a run can prove how many refreshes and JWKS fetches it caused.
 */
final class BenchQf implements AutoCloseable {
  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-secret";

  /** The claims QF's Hydra puts in an ID token besides the protocol ones. */
  private static final QfTestUser USER =
      QfTestUser.builder("amina")
          .email("amina.rahman@example.org")
          .firstName("Amina")
          .lastName("Rahman")
          .build();

  private final QfStandIn qf;
  private final Set<String> redirectUris = new LinkedHashSet<>();
  private Calls last = Calls.NONE;

  /** What reached the provider since the last {@link #drain()}. */
  record Calls(
      int total, int discovery, int jwks, int authorize, int codeGrants, int refreshGrants) {
    static final Calls NONE = new Calls(0, 0, 0, 0, 0, 0);

    Calls minus(Calls before) {
      return new Calls(
          total - before.total,
          discovery - before.discovery,
          jwks - before.jwks,
          authorize - before.authorize,
          codeGrants - before.codeGrants,
          refreshGrants - before.refreshGrants);
    }

    @Override
    public String toString() {
      return "total="
          + total
          + " discovery="
          + discovery
          + " jwks="
          + jwks
          + " authorize="
          + authorize
          + " code="
          + codeGrants
          + " refresh="
          + refreshGrants;
    }
  }

  BenchQf() {
    // Loopback by address, never a name that may resolve to ::1.
    this.qf = QfStandIn.builder().host("127.0.0.1").start();
    qf.user(USER);
  }

  /** QF_AUTH_BASE_URL; discovery sits at {@code authBase/.well-known/openid-configuration}. */
  String authBase() {
    return qf.authBaseUrl().toString();
  }

  /**
   * Registers {@code appBase}'s callback, as the filter sends it and as pac4j does (it adds its
   * client name); the stand-in matches redirect URIs exactly, like Hydra.
   */
  synchronized void allow(String appBase) {
    redirectUris.add(appBase + "/callback");
    redirectUris.add(appBase + "/callback?client_name=OidcClient");
    qf.client(
        QfTestClient.confidential(CLIENT_ID, CLIENT_SECRET)
            .redirectUris(redirectUris.toArray(String[]::new))
            .build());
  }

  /** The next authorization request signs the bench's user in without showing a form. */
  void approveNextSignIn() {
    qf.autoLogin(USER.username());
  }

  /** The calls since the last drain. */
  synchronized Calls drain() {
    int discovery = qf.discoveryFetches();
    int jwks = qf.jwksFetches();
    int authorize = qf.authorizationRequests();
    int code = qf.tokenCalls("authorization_code");
    int refresh = qf.tokenCalls("refresh_token");
    int total =
        discovery
            + jwks
            + authorize
            + qf.tokenCalls()
            + qf.apiCalls()
            + qf.revocationCalls()
            + (qf.lastEndSessionRequest().isPresent() ? 1 : 0);
    Calls now = new Calls(total, discovery, jwks, authorize, code, refresh);
    Calls since = now.minus(last);
    last = now;
    return since;
  }

  @Override
  public void close() {
    qf.close();
  }
}
