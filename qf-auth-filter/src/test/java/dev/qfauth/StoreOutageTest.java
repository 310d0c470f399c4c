package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A shared session store that stops answering (Redis down): protected pages and sign-out get a 503
 * page or JSON with {@code Retry-After}, public pages stay up for a signed-out visitor, no cookie
 * is cleared, and everything works again with the same cookie once the store is back.
 */
final class StoreOutageTest {

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void aStoreOutageIsA503ThatChangesNothingAndHealsWithTheStore(Containers.Kind kind)
      throws Exception {
    SwitchableStore store = new SwitchableStore();
    try (Fixture f = new Fixture(kind, b -> b.sessionStore(store))) {
      Browser browser = new Browser();
      f.signIn(browser, "alice");
      String handle = browser.cookie("QF_SESSION");
      store.down.set(true);

      HttpResponse<String> page = browser.get(f.url("/private/page"));
      assertEquals(503, page.statusCode(), page.body());
      assertEquals("5", page.headers().firstValue("Retry-After").orElse(null));
      assertTrue(page.body().contains("session_store_unavailable"), page.body());
      assertFalse(page.body().contains(handle), "the handle is never echoed");
      assertNoCookieChanged(page);

      HttpResponse<String> json = browser.get(f.url("/private/page"), "Accept", "application/json");
      assertEquals(503, json.statusCode());
      assertTrue(json.body().contains("\"error\":\"session_store_unavailable\""), json.body());

      HttpResponse<String> publicPage = browser.get(f.url("/whoami"));
      assertEquals(200, publicPage.statusCode());
      assertEquals("anonymous", publicPage.body());
      assertNoCookieChanged(publicPage);

      HttpResponse<String> logout = browser.postForm(f.url("/logout"), "", "Origin", f.app.base());
      assertEquals(503, logout.statusCode(), logout.body());
      assertNoCookieChanged(logout);

      store.down.set(false);
      assertTrue(browser.get(f.url("/whoami")).body().contains("sub=alice"));
      assertEquals(handle, browser.cookie("QF_SESSION"));
    }
  }

  private static void assertNoCookieChanged(HttpResponse<String> response) {
    assertEquals(
        Optional.empty(),
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("QF_SESSION") || c.startsWith("QF_LOGIN"))
            .findFirst(),
        response.headers().toString());
  }

  /** A working in-memory store that throws as an unreachable Redis does while {@link #down}. */
  private static final class SwitchableStore implements SessionStore {
    final AtomicBoolean down = new AtomicBoolean();
    private final ConcurrentHashMap<String, QfSession> sessions = new ConcurrentHashMap<>();

    private void check() {
      if (down.get()) {
        throw new SessionStoreUnavailableException(
            "test store: connection refused", new java.io.IOException("refused"));
      }
    }

    @Override
    public Optional<QfSession> get(QfEnvironment environment, String handle) {
      check();
      return Optional.ofNullable(sessions.get(environment + handle));
    }

    @Override
    public void put(QfEnvironment environment, String handle, QfSession session) {
      check();
      sessions.put(environment + handle, session);
    }

    @Override
    public boolean replace(
        QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
      check();
      return sessions.replace(environment + handle, expected, replacement);
    }

    @Override
    public Optional<QfSession> remove(QfEnvironment environment, String handle) {
      check();
      return Optional.ofNullable(sessions.remove(environment + handle));
    }
  }
}
