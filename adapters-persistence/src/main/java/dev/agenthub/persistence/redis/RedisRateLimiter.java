package dev.agenthub.persistence.redis;

import dev.agenthub.protocol.ratelimit.port.RateLimiter;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The distributed {@link RateLimiter}: counters in Redis, shared by every hub instance on the same Redis
 * and key prefix. A bucket is the hash {@code ratelimit:<bucket>} (through {@link RedisBackend#key}) holding
 * its window's end ({@code end_second}, {@code end_nano}: the opening hit's {@code now + window}, exact to
 * the nanosecond) and {@code count}.
 *
 * <p>Each hit is one Lua script, so hits are atomic across instances: without a window, or when the
 * caller's {@code now} is at or after the stored end, the hit opens a new window with a count of 1 and
 * sets the hash to expire {@code window} later in Redis's own time (cleanup only; the stored end, compared
 * with the caller's clock, decides); otherwise it adds 1 to the count ({@code HINCRBY}) and leaves the
 * window alone, whether the hit is allowed or not. The window's end is fixed by the hit that opens it.
 * The script returns the count and the end, from which the time left is computed exactly.
 *
 * <p>Any Redis failure propagates as Lettuce's runtime exception, for the caller to fail closed or open.
 */
public final class RedisRateLimiter implements RateLimiter {

    /**
     * KEYS: bucket hash. ARGV: now (epoch second, nano of second), the end a new window would have (epoch
     * second, nano of second), the window in ms for the hash's expiry. Returns count, end second, end nano.
     * Epoch seconds and nanos stay far below 2^53, so Lua's double arithmetic compares them exactly.
     */
    private static final RedisScript HIT = new RedisScript("""
            local window = redis.call('HMGET', KEYS[1], 'end_second', 'end_nano')
            if window[1] and window[2] then
              local nowSecond, nowNano = tonumber(ARGV[1]), tonumber(ARGV[2])
              local endSecond, endNano = tonumber(window[1]), tonumber(window[2])
              if nowSecond < endSecond or (nowSecond == endSecond and nowNano < endNano) then
                local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
                return {count, window[1], window[2]}
              end
            end
            redis.call('HSET', KEYS[1], 'end_second', ARGV[3], 'end_nano', ARGV[4], 'count', 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return {1, ARGV[3], ARGV[4]}
            """);

    private final RedisBackend backend;
    private final String bucketPrefix;

    public RedisRateLimiter(RedisBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.bucketPrefix = backend.key("ratelimit:");
    }

    @Override
    public Decision hit(String bucket, int limit, Duration window, Instant now) {
        RateLimiter.checkHit(bucket, limit, window, now);
        Instant newWindowEnd = now.plus(window);
        long windowMillis = window.toMillis() + (window.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
        List<Object> reply = HIT.run(backend.commands().sync(), ScriptOutputType.MULTI,
                new String[] {bucketPrefix + bucket},
                Long.toString(now.getEpochSecond()), Integer.toString(now.getNano()),
                Long.toString(newWindowEnd.getEpochSecond()), Integer.toString(newWindowEnd.getNano()),
                Long.toString(windowMillis));
        long count = (Long) reply.get(0);
        Instant end = Instant.ofEpochSecond(Long.parseLong((String) reply.get(1)), Long.parseLong((String) reply.get(2)));
        return new Decision(count <= limit, count, Duration.between(now, end));
    }
}
