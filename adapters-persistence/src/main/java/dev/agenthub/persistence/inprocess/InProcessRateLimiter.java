package dev.agenthub.persistence.inprocess;

import dev.agenthub.protocol.ratelimit.port.RateLimiter;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-instance {@link RateLimiter}: counters live in this JVM only, so each instance counts on its
 * own. The default when no Redis URL is configured.
 *
 * <p>A hit on a bucket without a window, or at or after the end of its window, opens a window ending at
 * {@code now + window} with a count of 1; any other hit adds 1 to the count (refused hits included) and
 * leaves the end where it is. The window's end is fixed by the hit that opens it. Each hit is one atomic
 * {@link ConcurrentHashMap#compute} on its bucket.
 *
 * <p>Windows that ended are not removed by a timer: a hit sweeps them out (those ended at its {@code now})
 * once the hits since the last sweep reach the number of buckets that sweep left, or
 * {@value #MIN_HITS_BETWEEN_SWEEPS}, whichever is more. So a hit costs amortised constant time, and the
 * buckets held stay within about twice those the last sweep left, plus that minimum.
 */
public final class InProcessRateLimiter implements RateLimiter {

    static final int MIN_HITS_BETWEEN_SWEEPS = 64;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final SweepSchedule sweeps = new SweepSchedule(MIN_HITS_BETWEEN_SWEEPS);

    @Override
    public Decision hit(String bucket, int limit, Duration window, Instant now) {
        RateLimiter.checkHit(bucket, limit, window, now);
        Window counted = windows.compute(bucket, (name, current) -> current == null || current.endedAt(now)
                ? new Window(now.plus(window), 1)
                : new Window(current.end(), current.count() + 1));
        sweepWhenDue(now);
        return new Decision(counted.count() <= limit, counted.count(), Duration.between(now, counted.end()));
    }

    /** Buckets held, open or not yet swept (for tests of the memory bound). */
    int heldBuckets() {
        return windows.size();
    }

    private void sweepWhenDue(Instant now) {
        sweeps.afterWrite(() -> {
            for (String bucket : windows.keySet()) {
                windows.computeIfPresent(bucket, (name, current) -> current.endedAt(now) ? null : current);
            }
        }, windows::size);
    }

    /** The current window of a bucket: when it ends and the hits counted in it. */
    private record Window(Instant end, long count) {
        boolean endedAt(Instant now) {
            return !now.isBefore(end);
        }
    }
}
