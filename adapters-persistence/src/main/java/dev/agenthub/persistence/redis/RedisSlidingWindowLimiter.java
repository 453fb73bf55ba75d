package dev.agenthub.persistence.redis;

import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The distributed {@link SlidingWindowLimiter}: windows in Redis, shared by every hub instance on the same Redis
 * and key prefix. A key is the sorted set {@code slidingwindow:<key>} (through {@link RedisBackend#key}) whose
 * members are the allowed hits, scored by their epoch microseconds (below 2^53, so exact in Lua's doubles).
 *
 * <p>Each hit is one Lua script, so hits are atomic across instances: it removes the members that left the
 * window ({@code score <= now − window}), and when fewer than {@code limit} remain adds this hit (a random
 * member) and sets the set to expire {@code window} later in Redis's own time (cleanup of idle keys only; the
 * caller's clock decides what is in the window); otherwise it returns the oldest score for the retry time.
 *
 * <p>Any Redis failure propagates as Lettuce's runtime exception, for the caller to allow or refuse.
 */
public final class RedisSlidingWindowLimiter implements SlidingWindowLimiter {

    /**
     * KEYS: the sorted set. ARGV: now (µs), window (µs), limit, member, expiry (ms). Returns {1} when allowed,
     * {0, oldest score} when refused.
     */
    private static final RedisScript HIT = new RedisScript("""
            local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < limit then
              redis.call('ZADD', KEYS[1], now, ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              return {1}
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return {0, oldest[2]}
            """);

    private final RedisBackend backend;
    private final String keyPrefix;

    public RedisSlidingWindowLimiter(RedisBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.keyPrefix = backend.key("slidingwindow:");
    }

    @Override
    public Decision hit(String key, int limit, Duration window, Instant now) {
        SlidingWindowLimiter.checkHit(key, limit, window, now);
        long nowMicros = SlidingWindowLimiter.epochMicros(now);
        long windowMicros = window.toNanos() / 1_000;
        List<Object> reply = HIT.run(backend.commands().sync(), ScriptOutputType.MULTI,
                new String[] {keyPrefix + key},
                Long.toString(nowMicros), Long.toString(windowMicros), Integer.toString(limit),
                UUID.randomUUID().toString(), Long.toString(window.toMillis() + 1));
        if ((Long) reply.get(0) == 1L) {
            return Decision.allow();
        }
        long oldest = (long) Double.parseDouble((String) reply.get(1));
        return Decision.refuse(Math.max(1, Math.floorDiv(oldest + windowMicros - nowMicros, 1_000_000L)));
    }
}
