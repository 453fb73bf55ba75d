package dev.agenthub.persistence.inprocess;

import dev.agenthub.protocol.ratelimit.port.RateLimiter;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single-instance {@link RateLimiter}: counters live in this JVM only, so each instance counts on its
 * own. The default when no Redis URL is configured.
 *
 * <p>A hit on a bucket without a window, or at or after the end of its window, opens a window ending at
 * {@code now + window} with a count of 1; any other hit adds 1 to the count (refused hits included) and
 * leaves the end where it is. The window's end is fixed by the hit that opens it. Each hit is one atomic
 * {@link ConcurrentHashMap#compute} on its bucket.
 *
 * <p>Windows that ended are not removed by a timer: hits sweep them out once the hits since the last
 * sweep reach the number of buckets held (at least {@value #MIN_HITS_BETWEEN_SWEEPS}), which keeps the cost
 * of a hit amortised constant and the buckets held at most about twice the open ones plus that minimum.
 */
public final class InProcessRateLimiter implements RateLimiter {

    static final int MIN_HITS_BETWEEN_SWEEPS = 64;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong hitsSinceSweep = new AtomicLong();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    @Override
    public Decision hit(String bucket, int limit, Duration window, Instant now) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        Window counted = windows.compute(bucket, (name, current) -> current == null || current.endedAt(now)
                ? new Window(now.plus(window), 1)
                : new Window(current.end(), current.count() + 1));
        sweepWhenDue(now);
        return new Decision(counted.count() <= limit, counted.count(), Duration.between(now, counted.end()));
    }

    private void sweepWhenDue(Instant now) {
        if (hitsSinceSweep.incrementAndGet() < Math.max(MIN_HITS_BETWEEN_SWEEPS, windows.size())
                || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            hitsSinceSweep.set(0);
            for (String bucket : windows.keySet()) {
                windows.computeIfPresent(bucket, (name, current) -> current.endedAt(now) ? null : current);
            }
        } finally {
            sweeping.set(false);
        }
    }

    /** The current window of a bucket: when it ends and the hits counted in it. */
    private record Window(Instant end, long count) {
        boolean endedAt(Instant now) {
            return !now.isBefore(end);
        }
    }
}
