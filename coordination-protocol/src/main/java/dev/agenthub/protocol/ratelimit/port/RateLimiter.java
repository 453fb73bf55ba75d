package dev.agenthub.protocol.ratelimit.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Port: fixed-window request counters. A bucket's window starts at the first hit counted in it and lasts
 * {@code window}; the first {@code limit} hits of a window are allowed, later ones are refused until the
 * window ends, and the next hit after that starts a new window. Counts are shared by every caller of the
 * same backend (all hub instances on one Redis). Implementations are thread-safe and atomic per hit:
 * of {@code n} concurrent hits on a fresh bucket exactly {@code min(n, limit)} are allowed.
 *
 * <p>Refused hits are counted too (they do not extend the window). Callers supply {@code now} from their
 * clock.
 *
 * <p>Any exception thrown means the counter store could not be asked; callers decide whether to fail open
 * or closed ({@code /v1/init} fails closed). Verified by {@code RateLimiterContract} in the test kit.
 */
public interface RateLimiter {

    /**
     * Counts one hit on {@code bucket}.
     *
     * @param bucket an opaque name (any characters)
     * @param limit  hits allowed per window, at least 1
     * @param window the window length, positive
     */
    Decision hit(String bucket, int limit, Duration window, Instant now);

    /**
     * The preconditions of {@link #hit}, for implementations to check first.
     *
     * @throws NullPointerException     for a null argument
     * @throws IllegalArgumentException for a limit below 1 or a window that is not positive
     */
    static void checkHit(String bucket, int limit, Duration window, Instant now) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    /**
     * @param allowed    whether this hit is within the limit
     * @param count      hits counted in the current window, this one included
     * @param retryAfter time left in the current window (positive; what {@code Retry-After} reports)
     */
    record Decision(boolean allowed, long count, Duration retryAfter) {
        public Decision {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
