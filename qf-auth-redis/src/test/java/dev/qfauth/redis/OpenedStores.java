package dev.qfauth.redis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stores a test opens, each closed after the test (its Lettuce connections and threads):
 * register as an instance field, {@code @RegisterExtension final OpenedStores stores = new
 * OpenedStores(clock);}.
 */
final class OpenedStores implements AfterEachCallback {
  private final Clock clock;
  private final List<RedisSessionStore> opened = new ArrayList<>();

  OpenedStores(Clock clock) {
    this.clock = clock;
  }

  /** A store on {@code settings} ({@link Stores#store}). */
  RedisSessionStore open(Map<String, String> settings) {
    return kept(Stores.store(settings, clock));
  }

  /** A store that indexes sessions for back-channel logout ({@link Stores#indexingStore}). */
  RedisSessionStore openIndexing(Map<String, String> settings) {
    return kept(Stores.indexingStore(settings, clock));
  }

  private RedisSessionStore kept(RedisSessionStore store) {
    opened.add(store);
    return store;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    opened.forEach(RedisSessionStore::close);
    opened.clear();
  }
}
