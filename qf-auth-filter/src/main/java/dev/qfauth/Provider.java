package dev.qfauth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The only code that fetches the provider's discovery document and keys. Discovery is loaded once
 * and kept; while the provider is unreachable, attempts are spaced out and each caller gets a clear
 * "provider unreachable" error, so the app starts and recovers by itself. Keys come from a nimbus
 * {@link JWKSource}: cached, refetched on an unknown {@code kid} at a bounded rate.
 */
final class Provider {
  private static final System.Logger LOG = System.getLogger(Provider.class.getName());
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

  private final URI authBase;
  private final boolean production;
  private final HttpCalls http;
  private final Clock clock;

  private final java.util.concurrent.locks.ReentrantLock fetching =
      new java.util.concurrent.locks.ReentrantLock();
  private volatile Loaded loaded;
  private volatile Instant lastFailure;
  private volatile SignInException lastError;

  record Loaded(ProviderMetadata metadata, JWKSource<SecurityContext> keys) {}

  Provider(QfAuthConfig config, HttpCalls http) {
    this.authBase = config.authBaseUrl();
    this.production = config.environment() == QfEnvironment.PRODUCTION;
    this.http = http;
    this.clock = config.clock();
  }

  ProviderMetadata metadata() {
    return load().metadata();
  }

  /**
   * An endpoint discovery may leave out (revocation, end-session), for best-effort callers: {@code
   * null} when the document names none or QF cannot be discovered right now.
   */
  URI optionalEndpoint(Function<ProviderMetadata, URI> endpoint) {
    try {
      return endpoint.apply(metadata());
    } catch (QfAuthException e) {
      return null;
    }
  }

  JWKSource<SecurityContext> keys() {
    return load().keys();
  }

  /**
   * Loads discovery if not yet loaded; never more often than every two seconds while failing. Only
   * one thread fetches; the others do not queue behind a stalled provider but get the error at
   * once.
   */
  Loaded load() {
    Loaded current = loaded;
    if (current != null) {
      return current;
    }
    if (!fetching.tryLock()) {
      throw unavailable("a discovery attempt is already in progress");
    }
    try {
      if (loaded != null) {
        return loaded;
      }
      Instant failedAt = lastFailure;
      if (failedAt != null && clock.instant().isBefore(failedAt.plus(RETRY_AFTER_FAILURE))) {
        throw lastError;
      }
      try {
        loaded = fetch();
        lastFailure = null;
        LOG.log(Level.INFO, "QF provider discovered: issuer {0}", loaded.metadata().issuer());
        return loaded;
      } catch (SignInException e) {
        lastFailure = clock.instant();
        lastError = e;
        LOG.log(Level.WARNING, "QF provider discovery failed: {0}", e.getMessage());
        throw e;
      }
    } finally {
      fetching.unlock();
    }
  }

  private SignInException unavailable(String why) {
    SignInException last = lastError;
    return last != null
        ? last
        : SignInException.providerUnavailable(
            "Quran.Foundation sign-in is not reachable yet (" + why + ")");
  }

  private Loaded fetch() {
    URI discovery = URI.create(authBase + "/.well-known/openid-configuration");
    HttpCalls.Reply reply;
    try {
      reply = http.send(http.request(discovery).header("Accept", "application/json").GET().build());
    } catch (IOException e) {
      throw SignInException.providerUnavailable(
          "Quran.Foundation sign-in is unreachable at " + authBase + " (" + e.getMessage() + ")");
    }
    if (!reply.ok()) {
      throw SignInException.providerUnavailable(
          "Provider discovery at " + discovery + " answered HTTP " + reply.status());
    }
    ProviderMetadata metadata =
        ProviderMetadata.parse(Json.parseOrNull(reply.body()), authBase, production);
    try {
      JWKSource<SecurityContext> keys =
          JWKSourceBuilder.create(metadata.jwksUri().toURL(), this::retrieveKeys)
              .cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(15).toMillis())
              .rateLimited(Duration.ofSeconds(10).toMillis())
              .refreshAheadCache(false)
              .retrying(false)
              .build();
      return new Loaded(metadata, keys);
    } catch (MalformedURLException e) {
      throw SignInException.providerUnavailable("jwks_uri is not a URL");
    }
  }

  /**
   * The JWKS goes through {@link HttpCalls} like every other call to QF: the whole answer within
   * QF_REQUEST_TIMEOUT_MS, at most 256 KiB, and no redirect followed, so the keys come from the
   * discovered jwks_uri on the provider's origin and nowhere else (RFC 8725 3.10). nimbus's default
   * retriever bounds each read but not the answer (a trickle held a sign-in for as long as it
   * liked) and follows redirects (a 307 to another host put its keys in our cache).
   */
  private Resource retrieveKeys(URL url) throws IOException {
    HttpCalls.Reply reply =
        http.send(
            http.request(URI.create(url.toString()))
                .header("Accept", "application/json")
                .GET()
                .build());
    if (!reply.ok()) {
      throw new IOException("the JWKS endpoint answered HTTP " + reply.status());
    }
    return new Resource(
        reply.body(), reply.raw().headers().firstValue("Content-Type").orElse(null));
  }
}
