package dev.agenthub.persistence.inprocess;

import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-instance {@link SlidingWindowLimiter}: windows live in this JVM only, so each instance limits on
 * its own. The default when the hub has no Redis.
 *
 * <p>A key holds the instants (epoch microseconds) of its allowed hits, oldest first; each hit first drops
 * those that left the window, so a key holds at most {@code limit} instants. Each hit is one atomic
 * {@link ConcurrentHashMap#compute} on its key. Idle keys are not removed by a timer: a hit sweeps out keys
 * whose newest hit left its window, on the schedule of {@link SweepSchedule} (at least every
 * {@value #MIN_HITS_BETWEEN_SWEEPS} hits), so the keys held stay within about twice those the last sweep
 * left, plus that minimum.
 */
public final class InProcessSlidingWindowLimiter implements SlidingWindowLimiter {

    static final int MIN_HITS_BETWEEN_SWEEPS = 64;

    private final ConcurrentHashMap<String, Hits> keys = new ConcurrentHashMap<>();
    private final SweepSchedule sweeps = new SweepSchedule(MIN_HITS_BETWEEN_SWEEPS);

    @Override
    public Decision hit(String key, int limit, Duration window, Instant now) {
        SlidingWindowLimiter.checkHit(key, limit, window, now);
        long nowMicros = SlidingWindowLimiter.epochMicros(now);
        long windowMicros = window.toNanos() / 1_000;
        Decision[] decision = new Decision[1];
        keys.compute(key, (name, current) -> {
            Hits hits = current == null ? new Hits(windowMicros) : current;
            hits.window = windowMicros;
            hits.prune(nowMicros);
            if (hits.instants.size() < limit) {
                hits.instants.addLast(nowMicros);
                decision[0] = Decision.allow();
            } else {
                long oldest = hits.instants.peekFirst();
                decision[0] = Decision.refuse(Math.max(1, Math.floorDiv(oldest + windowMicros - nowMicros, 1_000_000L)));
            }
            return hits;
        });
        sweepWhenDue(nowMicros);
        return decision[0];
    }

    /** Keys held, with hits in their window or not yet swept (for tests of the memory bound). */
    int heldKeys() {
        return keys.size();
    }

    private void sweepWhenDue(long nowMicros) {
        sweeps.afterWrite(() -> {
            for (String key : keys.keySet()) {
                keys.computeIfPresent(key, (name, hits) -> {
                    hits.prune(nowMicros);
                    return hits.instants.isEmpty() ? null : hits;
                });
            }
        }, keys::size);
    }

    /** The allowed hits of one key in its window; guarded by the map's per-key lock. */
    private static final class Hits {
        final ArrayDeque<Long> instants = new ArrayDeque<>();
        long window;

        Hits(long window) {
            this.window = window;
        }

        void prune(long nowMicros) {
            while (!instants.isEmpty() && instants.peekFirst() + window <= nowMicros) {
                instants.removeFirst();
            }
        }
    }
}
