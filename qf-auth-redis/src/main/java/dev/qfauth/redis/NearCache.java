package dev.qfauth.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.qfauth.QfSession;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Sessions this node read from Redis recently, kept while Redis promises to say when they change
 * (RESP3 client-side caching, {@code CLIENT TRACKING}): a repeated read of a session costs no round
 * trip, and a write on any node makes Redis send this node an invalidation message, which drops the
 * copy. See docs/DESIGN.md, "The near cache".
 *
 * <p>Two races are closed here:
 *
 * <ul>
 *   <li>An invalidation arriving while a read is in flight: the reader first puts a {@link Pending}
 *       marker, and stores what it read only in place of that same marker. An invalidation in
 *       between removes the marker, so the possibly stale value is returned once but never kept.
 *   <li>A lost connection: Redis forgets the tracking with it, and invalidations sent meanwhile are
 *       lost. {@link #stopTracking} empties the cache and moves the epoch on, so a read begun
 *       before cannot store its value afterwards; {@link #startTracking} is called only after Redis
 *       confirmed {@code CLIENT TRACKING on} on the new connection.
 * </ul>
 *
 * <p>Thread-safe. The hit path takes no lock; only filling and flushing share a read-write lock.
 */
final class NearCache {
  private final ConcurrentMap<String, Object> entries;
  private final ReentrantReadWriteLock flushing = new ReentrantReadWriteLock();
  private volatile long epoch;
  private volatile boolean tracking;

  NearCache(long maximumSize, Duration idleTimeout) {
    Cache<String, Object> cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            // A session nobody reads for its idle window is over anyway.
            .expireAfterAccess(idleTimeout)
            // Upkeep on the caller's thread, as the filter's own Caffeine store does.
            .executor(Runnable::run)
            .build();
    this.entries = cache.asMap();
  }

  /** The session under {@code key} while its tokens are of use at {@code nowMillis}, else null. */
  QfSession get(String key, long nowMillis) {
    return entries.get(key) instanceof Entry entry && entry.hardEndMillis > nowMillis
        ? entry.session
        : null;
  }

  /**
   * Marks a read of {@code key} as begun; pass the result to {@link #fill} or {@link #abandon}.
   * Null (nothing will be stored) while Redis does not track this connection.
   */
  Pending begin(String key) {
    if (!tracking) {
      return null;
    }
    Pending pending = new Pending(epoch);
    entries.put(key, pending);
    return pending;
  }

  /** Keeps what the read found unless the key changed, or the connection dropped, meanwhile. */
  void fill(String key, Pending pending, QfSession session, long hardEndMillis) {
    if (pending == null) {
      return;
    }
    flushing.readLock().lock();
    try {
      if (pending.epoch != epoch
          || !entries.replace(key, pending, new Entry(session, hardEndMillis))) {
        entries.remove(key, pending);
      }
    } finally {
      flushing.readLock().unlock();
    }
  }

  /** The read found nothing to keep. */
  void abandon(String key, Pending pending) {
    if (pending != null) {
      entries.remove(key, pending);
    }
  }

  /** Redis (or this node's own write) says {@code key} changed. */
  void invalidate(String key) {
    entries.remove(key);
  }

  /** Redis says everything changed (FLUSHALL, FLUSHDB, or it dropped its tracking table). */
  void invalidateAll() {
    entries.clear();
  }

  /** The connection is gone, and with it Redis's promise to report changes. */
  void stopTracking() {
    flushing.writeLock().lock();
    try {
      tracking = false;
      epoch++;
      entries.clear();
    } finally {
      flushing.writeLock().unlock();
    }
  }

  /**
   * Redis confirmed tracking on the current connection: reads sent from now on may be kept. Again
   * on the same connection (Lettuce also reports the first connection as a reconnect): no change.
   */
  void startTracking() {
    flushing.writeLock().lock();
    try {
      if (tracking) {
        return;
      }
      epoch++;
      entries.clear();
      tracking = true;
    } finally {
      flushing.writeLock().unlock();
    }
  }

  /** Sessions held (for tests and the store-size gauge). */
  long size() {
    return entries.values().stream().filter(Entry.class::isInstance).count();
  }

  /** A read under way; identity matters, so a record would not do. */
  static final class Pending {
    final long epoch;

    Pending(long epoch) {
      this.epoch = epoch;
    }
  }

  private record Entry(QfSession session, long hardEndMillis) {}
}
