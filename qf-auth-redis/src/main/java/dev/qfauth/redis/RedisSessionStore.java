package dev.qfauth.redis;

import dev.qfauth.PendingSignIns;
import dev.qfauth.QfEnvironment;
import dev.qfauth.QfSession;
import dev.qfauth.RefreshLeases;
import dev.qfauth.SessionStore;
import dev.qfauth.SessionStoreUnavailableException;
import dev.qfauth.redis.RedisConnection.Script;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in Redis, shared by every node that points at the same Redis ({@code
 * QF_SESSION_STORE=redis}). Made by {@link RedisSessionStoreFactory} from settings; see the README
 * section "Several nodes: Redis".
 *
 * <ul>
 *   <li>Key names are {@code {prefix}:{app}:{env}:session:{SHA-256 of the handle, hex}}: apps and
 *       environments never share a key, and a dump or {@code MONITOR} shows no handle.
 *   <li>Each key is a hash {@code v} (the session, AES-256-GCM sealed with the key name as
 *       associated data), {@code f} (SHA-256 of the plaintext, the compare-and-set version) and
 *       {@code c} (the hard end, epoch ms). Every write and read sets the TTL to the idle timeout,
 *       cut at the hard end: the access token's expiry without a refresh token, else the refresh
 *       token's life after the tokens were stored. Nothing is ever stored without a TTL.
 *   <li>Each operation is one Lua script (EVALSHA), so a write and its TTL, and {@link #replace}'s
 *       compare and set, are atomic.
 *   <li>With the near cache on ({@code QF_REDIS_NEAR_CACHE_SIZE}, the default), a session read once
 *       is served from this node's memory until Redis reports a change to its key ({@link
 *       NearCache}); such reads are a plain {@code HMGET} that leaves the TTL alone (the filter's
 *       idle slide, a write every tenth of the idle window, keeps an active session's key alive).
 *   <li>Each call has a deadline ({@code QF_REDIS_TIMEOUT_MS}); while Redis is unreachable calls
 *       fail at once rather than queue. Both throw {@link SessionStoreUnavailableException}.
 *       Lettuce reconnects on its own, so the store recovers without a restart. All of this is
 *       {@link RedisConnection}'s job; this class holds what the sessions look like in Redis.
 * </ul>
 *
 * <p>Thread-safe: one multiplexed connection serves every thread.
 */
public final class RedisSessionStore
    implements SessionStore, PendingSignIns, RefreshLeases, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisSessionStore.class.getName());

  // The sets that find a user's sessions for back-channel logout (KEYS[2], the user's, and
  // KEYS[3], the QF session's, when the ID token had a sid) hold session key names; the session
  // hash keeps their last part (the hash of sub or sid) in fields u and s. A set lives at least as
  // long as its longest-lived session.
  private static final String INDEX =
      """
      local function sets(key, u, s)
        local base = string.match(key, '^(.*):session:')
        return u and (base .. ':user:' .. u), s and (base .. ':sid:' .. s)
      end
      local function index(ttl)
        for i = 2, #KEYS do
          redis.call('SADD', KEYS[i], KEYS[1])
          if redis.call('PTTL', KEYS[i]) < tonumber(ttl) then
            redis.call('PEXPIRE', KEYS[i], ttl)
          end
        end
        if not KEYS[2] then return end
        redis.call('HSET', KEYS[1], 'u', string.sub(KEYS[2], -64))
        if KEYS[3] then redis.call('HSET', KEYS[1], 's', string.sub(KEYS[3], -64)) end
      end
      local function unindex(key)
        local r = redis.call('HMGET', key, 'u', 's')
        local u, s = sets(key, r[1], r[2])
        if u then redis.call('SREM', u, key) end
        if s then redis.call('SREM', s, key) end
      end
      -- ARGV[a..a+3]: value, fingerprint, hard end ms, ttl ms.
      local function write(a)
        redis.call('HSET', KEYS[1], 'v', ARGV[a], 'f', ARGV[a + 1], 'c', ARGV[a + 2])
        redis.call('PEXPIRE', KEYS[1], ARGV[a + 3])
        index(ARGV[a + 3])
      end
      """;

  // KEYS[1] the session key. ARGV: idle ms, now ms.
  private static final Script GET =
      new Script(
          INDEX
              + """
              local r = redis.call('HMGET', KEYS[1], 'v', 'c', 'u', 's')
              if not r[1] then return false end
              local ttl = tonumber(ARGV[1])
              local left = tonumber(r[2]) - tonumber(ARGV[2])
              if left < ttl then ttl = left end
              if ttl <= 0 then
                unindex(KEYS[1])
                redis.call('DEL', KEYS[1])
                return false
              end
              redis.call('PEXPIRE', KEYS[1], ttl)
              local u, s = sets(KEYS[1], r[3], r[4])
              for _, set in ipairs({u or false, s or false}) do
                if set and redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
              end
              return r[1]
              """,
          ScriptOutputType.VALUE);
  // KEYS: session, user index[, sid index]. ARGV: value, fingerprint, hard end ms, ttl ms.
  private static final Script PUT =
      new Script(
          INDEX
              + """
              write(1)
              return 1
              """,
          ScriptOutputType.INTEGER);
  // ARGV: expected fingerprint, then as PUT. The compare and the set are one atomic script.
  private static final Script REPLACE =
      new Script(
          INDEX
              + """
              if redis.call('HGET', KEYS[1], 'f') ~= ARGV[1] then return 0 end
              unindex(KEYS[1])
              write(2)
              return 1
              """,
          ScriptOutputType.INTEGER);
  private static final Script REMOVE =
      new Script(
          INDEX
              + """
              local v = redis.call('HGET', KEYS[1], 'v')
              unindex(KEYS[1])
              redis.call('DEL', KEYS[1])
              return v
              """,
          ScriptOutputType.VALUE);
  // Back-channel logout. KEYS[1] the index to follow (the sid's, else the user's). ARGV[1] the
  // user hash (field u) a session must have too, or ''. Returns the session keys removed. (It
  // touches keys
  // it was not given: fine on one Redis, one reason Redis Cluster is not supported yet.)
  private static final Script REMOVE_USER =
      new Script(
          INDEX
              + """
              local removed = {}
              for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
                local u = redis.call('HGET', key, 'u')
                if not u then
                  redis.call('SREM', KEYS[1], key)
                elseif ARGV[1] == '' or u == ARGV[1] then
                  unindex(key)
                  redis.call('DEL', key)
                  table.insert(removed, key)
                end
              end
              return removed
              """,
          ScriptOutputType.MULTI);

  private final RedisSettings settings;
  private final Duration idleTimeout;
  private final Clock clock;
  private final Set<String> reportedKeyIds = ConcurrentHashMap.newKeySet();
  private final NearCache near;
  // Only with back-channel logout on: the index costs each session two hash fields and a set.
  private final boolean indexUsers;
  private final RedisPendingSignIns signIns;
  private final RedisRefreshLeases leases;
  private final RedisConnection connection;

  RedisSessionStore(RedisSettings settings, Duration idleTimeout, Clock clock, boolean indexUsers) {
    this.settings = settings;
    this.indexUsers = indexUsers;
    this.idleTimeout = idleTimeout;
    this.clock = clock;
    this.near =
        settings.nearCacheSize() > 0 ? new NearCache(settings.nearCacheSize(), idleTimeout) : null;
    this.signIns = new RedisPendingSignIns(this, settings.keys());
    this.leases = new RedisRefreshLeases(this);
    // The store owns the near cache (it reads and fills it); the connection only keeps it honest.
    this.connection =
        new RedisConnection(
            settings, clock, near, RedisMetrics.load(this, RedisSessionStore::nearCacheSize));
  }

  @Override
  public Optional<QfSession> get(QfEnvironment environment, String handle) {
    String key = key(environment, handle);
    if (near == null) {
      return readAndSlide(key);
    }
    long now = clock.millis();
    QfSession cached = near.get(key, now);
    if (cached != null) {
      return Optional.of(cached);
    }
    NearCache.Pending pending = near.begin(key);
    boolean kept = false;
    try {
      // A read-only command, so Redis tracks the key for this connection (a script that also
      // slid the TTL would be a write, and every read would invalidate every other node's copy).
      List<KeyValue<String, byte[]>> fields = connection.call(redis -> redis.hmget(key, "v", "c"));
      byte[] value = fields.get(0).getValueOrElse(null);
      byte[] hardEnd = fields.get(1).getValueOrElse(null);
      if (value == null || hardEnd == null) {
        return Optional.empty();
      }
      long hardEndMillis = Long.parseLong(new String(hardEnd, StandardCharsets.US_ASCII));
      if (hardEndMillis <= now) {
        return readAndSlide(key); // the script removes it
      }
      Optional<QfSession> session = open(key, value);
      if (session.isPresent()) {
        near.fill(key, pending, session.get(), hardEndMillis);
        kept = true;
      }
      return session;
    } finally {
      if (!kept) {
        near.abandon(key, pending);
      }
    }
  }

  private Optional<QfSession> readAndSlide(String key) {
    byte[] value =
        (byte[]) connection.run(GET, key, number(idleTimeout.toMillis()), number(clock.millis()));
    return value == null ? Optional.empty() : open(key, value);
  }

  @Override
  public void put(QfEnvironment environment, String handle, QfSession session) {
    String key = key(environment, handle);
    try {
      connection.run(PUT, indexed(environment, key, session), written(key, session));
    } finally {
      forget(key);
    }
  }

  /**
   * Compares on the SHA-256 of the stored plaintext (field {@code f}), not on the ciphertext: every
   * seal has a fresh IV, so equal sessions have different ciphertexts, while the canonical
   * plaintext of {@code expected} (as {@link #get} returned it) hashes to exactly what was stored.
   * The digest covers the access and refresh tokens, so it cannot be guessed or inverted.
   */
  @Override
  public boolean replace(
      QfEnvironment environment, String handle, QfSession expected, QfSession replacement) {
    String key = key(environment, handle);
    Object done;
    try {
      done =
          connection.run(
              REPLACE,
              indexed(environment, key, replacement),
              written(key, replacement, fingerprint(key, SessionCodec.encode(expected))));
    } finally {
      forget(key);
    }
    return Long.valueOf(1).equals(done);
  }

  @Override
  public Optional<QfSession> remove(QfEnvironment environment, String handle) {
    String key = key(environment, handle);
    byte[] value;
    try {
      value = (byte[]) connection.run(REMOVE, key);
    } finally {
      forget(key);
    }
    return value == null ? Optional.empty() : open(key, value);
  }

  // ---- PendingSignIns: sign-ins in progress, shared by every node (RedisPendingSignIns) ----

  @Override
  public void put(QfEnvironment environment, String state, byte[] signIn, Duration timeToLive) {
    signIns.put(environment, state, signIn, timeToLive);
  }

  @Override
  public Optional<byte[]> take(QfEnvironment environment, String state) {
    return signIns.take(environment, state);
  }

  // ---- RefreshLeases: one refresh per session across nodes (RedisRefreshLeases) ----

  @Override
  public boolean tryAcquire(
      QfEnvironment environment, String handle, String holder, Duration time) {
    return leases.tryAcquire(environment, handle, holder, time);
  }

  @Override
  public void release(QfEnvironment environment, String handle, String holder) {
    leases.release(environment, handle, holder);
  }

  /**
   * Drops this node's copy after its own write, at once: Redis's invalidation for the write comes
   * too, but a moment later. Also after a failed write, which may have reached Redis.
   */
  private void forget(String key) {
    if (near != null) {
      near.invalidate(key);
    }
  }

  /** {@code QF_REDIS_APP}, for the metrics' tag. */
  String app() {
    return settings.app();
  }

  /** Sessions held in this node's near cache; 0 when it is off. For tests and the size gauge. */
  long nearCacheSize() {
    return near == null ? 0 : near.size();
  }

  /** Closes the connection and Lettuce's threads. */
  @Override
  public void close() {
    connection.close();
  }

  /** Lettuce's resources; tests wait on its event bus for a reconnect. */
  ClientResources resources() {
    return connection.resources();
  }

  /** The Redis key of a session; package-private for tests. */
  String key(QfEnvironment environment, String handle) {
    return key("session", environment, handle);
  }

  /**
   * {@code {prefix}:{app}:{env}:{kind}:{SHA-256 of id, hex}}: apps and environments never share a
   * key, and the id (a handle, a state, a user id, a sid or a logout token's jti) never appears in
   * Redis.
   */
  String key(String kind, QfEnvironment environment, String id) {
    return settings.prefix()
        + ':'
        + settings.app()
        + ':'
        + environment.id()
        + ':'
        + kind
        + ':'
        + hashHex(id);
  }

  private Optional<QfSession> open(String key, byte[] value) {
    KeyRing.Opened opened = settings.keys().open(value, key.getBytes(StandardCharsets.UTF_8));
    if (opened instanceof KeyRing.Plain plain) {
      try {
        return Optional.of(SessionCodec.decode(plain.bytes()));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "A session in Redis is authentic but unreadable; treated as none");
        return Optional.empty();
      }
    }
    if (opened instanceof KeyRing.UnknownKey unknown) {
      // Once per key id: during a key roll-out every such read would otherwise log.
      if (reportedKeyIds.add(unknown.keyId())) {
        LOG.log(
            Level.WARNING,
            "Sessions in Redis are sealed with key id {0}, which this node lacks: add it to {1}."
                + " Until then they count as signed out here",
            unknown.keyId(),
            RedisSessionStoreFactory.KEY);
      }
      return Optional.empty();
    }
    // Tampered, truncated or copied from another key or environment. Removing it makes this the
    // only log line for it; the value itself is never logged.
    LOG.log(
        Level.WARNING,
        "A session value in Redis failed authentication (AES-GCM); removed and treated as signed"
            + " out");
    connection.run(REMOVE, key);
    return Optional.empty();
  }

  /**
   * The arguments of the scripts' {@code write()}, after {@code before}: the sealed session, the
   * fingerprint of its plaintext, its hard end and its TTL.
   */
  private byte[][] written(String key, QfSession session, byte[]... before) {
    byte[] plain = SessionCodec.encode(session);
    long hardEnd = hardEnd(session);
    byte[][] args = Arrays.copyOf(before, before.length + 4);
    args[before.length] = seal(key, plain);
    args[before.length + 1] = fingerprint(key, plain);
    args[before.length + 2] = number(hardEnd);
    args[before.length + 3] = number(ttl(hardEnd));
    return args;
  }

  private byte[] seal(String key, byte[] plain) {
    return settings.keys().seal(plain, key.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] fingerprint(String key, byte[] plain) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(key.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      return digest.digest(plain);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** When the stored tokens are of no further use, epoch ms. */
  private long hardEnd(QfSession session) {
    return session.refreshable()
        ? clock.millis() + settings.refreshTokenLife().toMillis()
        : session.accessTokenExpiresAt().toEpochMilli();
  }

  private long ttl(long hardEnd) {
    return Math.max(1, Math.min(idleTimeout.toMillis(), hardEnd - clock.millis()));
  }

  /** Runs {@code script} on {@code key} within the deadline; for this package's other parts. */
  Object run(Script script, String key, byte[]... args) {
    return connection.run(script, key, args);
  }

  /** The session key, its user's index key and, when the ID token had a sid, the sid's. */
  private String[] indexed(QfEnvironment environment, String key, QfSession session) {
    if (!indexUsers) {
      return new String[] {key};
    }
    String user = key("user", environment, session.sub());
    return session.claims().get("sid") instanceof String sid
        ? new String[] {key, user, key("sid", environment, sid)}
        : new String[] {key, user};
  }

  private static String hashHex(String value) {
    return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public boolean supportsBackChannelLogout() {
    return indexUsers;
  }

  @Override
  public int removeSessionsOfUser(QfEnvironment environment, String sub, String sid) {
    String follow = sid != null ? key("sid", environment, sid) : key("user", environment, sub);
    byte[] mustName =
        sid != null && sub != null ? hashHex(sub).getBytes(StandardCharsets.UTF_8) : new byte[0];
    @SuppressWarnings("unchecked")
    List<Object> removed = (List<Object>) connection.run(REMOVE_USER, follow, mustName);
    // Redis invalidates every node's copy; this node's own goes at once.
    for (Object key : removed) {
      forget(new String((byte[]) key, StandardCharsets.UTF_8));
    }
    return removed.size();
  }

  @Override
  public boolean firstUseOfLogoutToken(QfEnvironment environment, String jti, Instant keepUntil) {
    String key = key("logout-token", environment, jti);
    long keep = Math.max(1000, keepUntil.toEpochMilli() - clock.millis());
    return "OK"
        .equals(
            connection.call(
                redis -> redis.set(key, new byte[] {'1'}, SetArgs.Builder.nx().px(keep))));
  }

  static byte[] number(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
