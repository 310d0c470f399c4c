package dev.qfauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * A fixed-window request limit per key (a client address): at most {@code perWindow} requests in
 * each window that starts with a key's first request. The keys live in a bounded Caffeine cache, so
 * a flood from many addresses cannot grow it; an evicted key starts afresh. Thread-safe.
 */
final class RateLimit {
  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final long MAX_KEYS = 100_000;

  private record Window(long startMillis, int count) {}

  private final int perWindow;
  private final Clock clock;
  private final Cache<String, Window> windows;

  RateLimit(int perWindow, Clock clock) {
    this.perWindow = perWindow;
    this.clock = clock;
    this.windows =
        Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterWrite(WINDOW)
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /** Counts a request for {@code key}: 0 when admitted, else whole seconds until it may retry. */
  long retryAfterSeconds(String key) {
    long now = clock.millis();
    Window window =
        windows
            .asMap()
            .compute(
                key,
                (k, old) ->
                    old == null || now - old.startMillis() >= WINDOW.toMillis()
                        ? new Window(now, 1)
                        : new Window(old.startMillis(), saturatedIncrement(old.count())));
    if (window.count() <= perWindow) {
      return 0;
    }
    long left = window.startMillis() + WINDOW.toMillis() - now;
    return Math.max(1, (left + 999) / 1000);
  }

  private static int saturatedIncrement(int count) {
    return count == Integer.MAX_VALUE ? count : count + 1;
  }

  int perWindow() {
    return perWindow;
  }
}
