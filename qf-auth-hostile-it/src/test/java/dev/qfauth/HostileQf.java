package dev.qfauth;

import dev.qfauth.testkit.QfHostileProvider;
import dev.qfauth.testkit.QfStandIn;
import dev.qfauth.testkit.QfTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hostile provider in front of a QF stand-in, shared by the tests of a class (see {@link Rig}):
 * the client the apps use (with every app's redirect URI) and the demo users alice and bilal. The
 * stand-in is the caller's to stop.
 */
final class HostileQf implements AutoCloseable {
  static final String CLIENT_ID = "hostile-it-client";

  /** Characters that must be form-encoded in HTTP Basic (RFC 6749 2.3.1). */
  static final String CLIENT_SECRET = "s3cr+t%:/hostile-it";

  /** Slow defects hold a connection this long: far above the apps' 1 s request timeout. */
  static final Duration STALL = Duration.ofSeconds(4);

  final QfStandIn standIn;
  final QfHostileProvider hostile;
  private final List<String> redirectUris = new CopyOnWriteArrayList<>();

  HostileQf(QfStandIn standIn) {
    this.standIn = standIn;
    this.hostile = QfHostileProvider.on(standIn).stallFor(STALL);
    warmUp();
  }

  /**
   * One request to each endpoint the apps use, so the stand-in's first answers (class loading, JIT)
   * do not eat into an app's 1 s request timeout.
   */
  private void warmUp() {
    HttpClient http = HttpClient.newHttpClient();
    for (URI uri :
        List.of(
            standIn.discoveryUrl(),
            standIn.jwksUrl(),
            URI.create(standIn.authBaseUrl() + "/oauth2/token"),
            URI.create(standIn.apiBaseUrl() + "/auth/v1/collections"))) {
      try {
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    hostile.resetCounts();
  }

  /** Registers one more redirect URI for the shared client. */
  synchronized void allowRedirect(String uri) {
    redirectUris.add(uri);
    standIn.client(
        QfTestClient.confidential(CLIENT_ID, CLIENT_SECRET)
            .redirectUris(redirectUris.toArray(String[]::new))
            .build());
  }

  /** Honest again, counters at zero: the start of every case. */
  void reset() {
    hostile.clear();
    hostile.resetCounts();
    standIn.reset();
  }

  @Override
  public void close() {
    hostile.close();
  }
}
