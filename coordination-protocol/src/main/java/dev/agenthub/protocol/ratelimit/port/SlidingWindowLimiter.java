package dev.agenthub.protocol.ratelimit.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Port: sliding-window request limits (the write limiter of wire spec agenthub §2.3). A key's window holds
 * the instants of its <em>allowed</em> hits in the last {@code window}: an allowed hit at {@code t} stays in
 * the window while {@code now < t + window}. A hit is allowed when fewer than {@code limit} hits are in the
 * window, and then enters it; a refused hit does not enter it (so refusals never extend a lock-out).
 *
 * <p>A refusal reports {@code retryAfterSeconds = max(1, floor(oldest + window − now))} in whole seconds,
 * {@code oldest} being the earliest hit still in the window; an allowed hit reports 0. Instants are
 * compared at microsecond precision (the finest Redis scores hold exactly); callers pass {@code now} from
 * their clock, and should not move it backwards.
 *
 * <p>Implementations are thread-safe and atomic per hit: of {@code n} concurrent hits on a fresh key exactly
 * {@code min(n, limit)} are allowed. Hits are shared by every caller of the same backend (all hub instances
 * on one Redis). Memory is bounded by the hits in open windows: hits that left their window and keys with
 * none left are dropped.
 *
 * <p>Any exception thrown means the store could not be asked; the caller decides whether to allow (the
 * write limiter does, R-T2) or refuse. Verified by {@code SlidingWindowLimiterContract} in the test kit.
 */
public interface SlidingWindowLimiter {

    /**
     * Decides one hit on {@code key}.
     *
     * @param key    an opaque name (any characters)
     * @param limit  hits allowed in the window, at least 1
     * @param window the window length, at least one second
     * @param now    the caller's current time
     */
    Decision hit(String key, int limit, Duration window, Instant now);

    /**
     * The preconditions of {@link #hit}, for implementations to check first.
     *
     * @throws NullPointerException     for a null argument
     * @throws IllegalArgumentException for a limit below 1 or a window shorter than a second
     */
    static void checkHit(String key, int limit, Duration window, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("window must be at least 1 s, was " + window);
        }
    }

    /** {@code max(1, floor(oldest + window − now))} in seconds, for implementations. */
    static long retryAfterSeconds(Instant oldest, Duration window, Instant now) {
        return Math.max(1, Duration.between(now, oldest.plus(window)).toSeconds());
    }

    /** Microseconds since the epoch: the precision at which hits are compared. */
    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * @param allowed           whether the hit is within the limit (and entered the window)
     * @param retryAfterSeconds 0 when allowed, else at least 1: what {@code Retry-After} reports
     */
    record Decision(boolean allowed, long retryAfterSeconds) {
        public Decision {
            if (allowed ? retryAfterSeconds != 0 : retryAfterSeconds < 1) {
                throw new IllegalArgumentException("retryAfterSeconds " + retryAfterSeconds + " with allowed=" + allowed);
            }
        }

        public static Decision allow() {
            return new Decision(true, 0);
        }

        public static Decision refuse(long retryAfterSeconds) {
            return new Decision(false, retryAfterSeconds);
        }
    }
}
