package dev.qfauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes a refreshed token set to the store, and does not drop it when the store cannot take it. QF
 * has rotated by then: the old refresh token is spent, so a dropped set ends the session at its
 * next refresh. While a refresh lease runs the write is retried (the other nodes wait on the
 * lease); after that the set is kept on this node, served, and written at the session's next
 * refresh here, without calling QF. See docs/DESIGN.md, "The refresh lease".
 *
 * <p>Thread-safe.
 */
final class RotatedSets {
  private static final System.Logger LOG = System.getLogger(Refresher.class.getName());

  private final QfAuthConfig config;
  private final SessionStore store;

  /**
   * Sets the store did not take, by handle, with the set they replace. Only ever filled while a
   * shared store is down; bounded like the session store.
   */
  private final Cache<String, Unsaved> unsaved;

  private record Unsaved(QfSession replaces, QfSession rotated) {}

  RotatedSets(QfAuthConfig config, SessionStore store) {
    this.config = config;
    this.store = store;
    this.unsaved =
        Caffeine.newBuilder()
            .maximumSize(config.maxSessions())
            .expireAfterWrite(config.sessionIdleTimeout())
            .ticker(() -> config.clock().millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Stores the rotated set; while the store is down, retries until {@code retryUntilNanos}, then
   * keeps the set on this node. Hydra has rotated: a set that is dropped ends the session.
   */
  QfSession save(String handle, QfSession replaces, QfSession rotated, long retryUntilNanos) {
    long pause = 50;
    while (true) {
      try {
        return store(handle, replaces, rotated);
      } catch (SessionStoreUnavailableException e) {
        if (System.nanoTime() + pause * 1_000_000L - retryUntilNanos >= 0) {
          unsaved.put(handle, new Unsaved(replaces, rotated));
          LOG.log(
              Level.WARNING,
              "QF refresh for sub {0}: the session store did not take the new tokens ({1}); this"
                  + " node keeps them and stores them at the session's next refresh here",
              rotated.sub(),
              e.getMessage());
          return rotated;
        }
        if (pause == 50) {
          LOG.log(
              Level.WARNING,
              "QF refresh for sub {0}: the session store did not take the new tokens ({1});"
                  + " retrying while the refresh lease runs",
              rotated.sub(),
              e.getMessage());
        }
        try {
          TimeUnit.MILLISECONDS.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          unsaved.put(handle, new Unsaved(replaces, rotated));
          return rotated;
        }
        pause = Math.min(pause * 2, 500);
      }
    }
  }

  /**
   * Writes the set kept on this node for {@code handle}, if any; while the store is still down,
   * serves it from here.
   *
   * @return the kept set, or {@code null} when none is kept
   */
  QfSession saveKept(String handle) {
    Unsaved kept = unsaved.getIfPresent(handle);
    if (kept == null) {
      return null;
    }
    try {
      QfSession saved = store(handle, kept.replaces(), kept.rotated());
      unsaved.invalidate(handle);
      LOG.log(Level.INFO, "QF refresh for sub {0}: kept tokens stored", saved.sub());
      return saved;
    } catch (SessionStoreUnavailableException e) {
      return kept.rotated();
    } catch (QfAuthException e) {
      unsaved.invalidate(handle); // signed out meanwhile
      throw e;
    }
  }

  private QfSession store(String handle, QfSession replaces, QfSession rotated) {
    QfEnvironment env = config.environment();
    // The old refresh token is spent either way, so the newest set we hold replaces whatever is
    // stored now; but never re-create a session that logout removed while we were refreshing.
    QfSession expected = replaces;
    while (!store.replace(env, handle, expected, rotated)) {
      Optional<QfSession> now = store.get(env, handle);
      if (now.isEmpty()) {
        throw new QfAuthException(
            QfErrorCode.LOGIN_REQUIRED, "The session ended during a refresh.");
      }
      expected = now.get();
      // A request may have slid the idle window meanwhile: keep the later activity.
      if (expected.lastActiveAt() != null
          && (rotated.lastActiveAt() == null
              || expected.lastActiveAt().isAfter(rotated.lastActiveAt()))) {
        rotated = rotated.activeAt(expected.lastActiveAt());
      }
    }
    return rotated;
  }
}
