package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parts that are records print no part of a pluggable session store: a record's generated
 * {@code toString} would print every component, and a store's own {@code toString} may name what it
 * holds.
 */
final class PartsToStringTest {
  private static final String STORE_TEXT = "store holding at-SECRET-ACCESS-TOKEN";

  @Test
  void toString_ofRecordsHoldingTheStore_printsOnlyTheEnvironment() {
    TalkativeStore store = new TalkativeStore();
    QfAuthConfig config =
        QfAuthConfig.builder()
            .clientId("qf-client")
            .clientSecret("client-secret")
            .redirectUri(URI.create("https://app.example/callback"))
            .authBaseUrl(URI.create("http://127.0.0.1:9"))
            .sessionStore(store)
            .build();
    FilterParts parts = FilterParts.of(config);
    try {
      Cookies cookies = Cookies.forDeployment(config, "");
      List<Object> printed =
          List.of(
              parts,
              parts.signIns(),
              parts.logouts(),
              new RefreshLease(store, store, config),
              new LoginHandler(config, parts.signIns(), cookies),
              new CallbackHandler(
                  config,
                  parts.signIns(),
                  parts.sessions(),
                  parts.logouts(),
                  cookies,
                  parts.metrics()),
              new LogoutHandler(config, parts.sessions(), parts.logouts(), cookies));
      for (Object part : printed) {
        assertFalse(part.toString().contains("SECRET"), part.getClass() + ": " + part);
        assertFalse(part.toString().contains("client-secret"), part.getClass() + ": " + part);
      }
      assertEquals("SignIns[" + config.environment() + "]", parts.signIns().toString());
    } finally {
      parts.close();
    }
  }

  /** A store whose own toString names a token, as a careless implementation might. */
  private static final class TalkativeStore extends ForwardingSessionStore
      implements RefreshLeases {
    TalkativeStore() {
      super(new CaffeineSessionStore(10, Duration.ofHours(1), java.time.Clock.systemUTC()));
    }

    @Override
    public boolean tryAcquire(
        QfEnvironment environment, String handle, String holder, Duration time) {
      return true;
    }

    @Override
    public void release(QfEnvironment environment, String handle, String holder) {}

    @Override
    public String toString() {
      return STORE_TEXT;
    }
  }
}
