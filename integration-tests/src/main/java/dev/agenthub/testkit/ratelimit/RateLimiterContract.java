package dev.agenthub.testkit.ratelimit;

import dev.agenthub.protocol.ratelimit.port.RateLimiter;
import dev.agenthub.protocol.ratelimit.port.RateLimiter.Decision;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link RateLimiter} contract. Extend it with the limiter under test and a second instance on the
 * same backend, as another hub instance would hold it ({@link #otherInstance()}); a limiter that is not
 * shared returns the same object.
 *
 * <p>Time is the {@link #clock} of each test, moved by hand and only forward; instants are compared
 * exactly, to the nanosecond. Windows are at least a minute, so a backend that also drops counters in
 * real time (as Redis {@code PEXPIRE} does) keeps them for the length of a test. Every test hits buckets
 * of its own. Every decision is checked to report a positive {@code retryAfter}.
 */
public abstract class RateLimiterContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");
    protected static final Duration WINDOW = Duration.ofMinutes(1);

    /** The callers' clock; starts at {@link #T0}. */
    protected final MutableClock clock = new MutableClock(T0);

    /** The limiter under test. */
    protected abstract RateLimiter limiter();

    /**
     * A second instance on the backend of {@link #limiter()}, as another hub instance would hold it; the
     * same object when the implementation is not shared between instances.
     */
    protected abstract RateLimiter otherInstance();

    /** A bucket name no other test uses. */
    protected static String bucket(String label) {
        return "kit:" + label + ":" + UUID.randomUUID();
    }

    private Decision hit(RateLimiter limiter, String bucket, int limit) {
        Decision decision = limiter.hit(bucket, limit, WINDOW, clock.instant());
        assertThat(decision.retryAfter()).as("retryAfter of %s", decision).isPositive();
        return decision;
    }

    private Decision hit(String bucket, int limit) {
        return hit(limiter(), bucket, limit);
    }

    @Test
    void theFirstLimitHitsOfAWindowAreAllowedAndLaterOnesRefused() {
        String bucket = bucket("limit");
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            decisions.add(hit(bucket, 3));
        }
        assertThat(decisions).extracting(Decision::allowed).containsExactly(true, true, true, false, false, false);
        assertThat(decisions).extracting(Decision::count).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(decisions).extracting(Decision::retryAfter).containsOnly(WINDOW);
    }

    @Test
    void aLimitOfOneAllowsOneHitPerWindow() {
        String bucket = bucket("one");
        assertThat(hit(bucket, 1)).isEqualTo(new Decision(true, 1, WINDOW));
        assertThat(hit(bucket, 1)).isEqualTo(new Decision(false, 2, WINDOW));
    }

    @Test
    void retryAfterIsTheTimeLeftInTheWindow() {
        String bucket = bucket("retry");
        assertThat(hit(bucket, 2).retryAfter()).isEqualTo(WINDOW);
        clock.advance(Duration.ofSeconds(15));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(true, 2, Duration.ofSeconds(45)));
        clock.advance(Duration.ofSeconds(44).plusMillis(999));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(false, 3, Duration.ofMillis(1)));
        clock.advance(Duration.ofMillis(1).minusNanos(1));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(false, 4, Duration.ofNanos(1)));
    }

    @Test
    void theFirstHitAtOrAfterTheWindowsEndStartsANewWindow() {
        String bucket = bucket("restart");
        hit(bucket, 2);
        hit(bucket, 2);
        assertThat(hit(bucket, 2).allowed()).isFalse();

        clock.set(T0.plus(WINDOW).minusNanos(1));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(false, 4, Duration.ofNanos(1)));

        clock.set(T0.plus(WINDOW));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(true, 1, WINDOW));
        // the new window started at that hit, not at a boundary of the old one
        clock.advance(Duration.ofSeconds(10));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(true, 2, Duration.ofSeconds(50)));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(false, 3, Duration.ofSeconds(50)));

        // after a quiet spell of many windows the next hit again opens a window of its own
        clock.advance(WINDOW.multipliedBy(10).plusNanos(3));
        assertThat(hit(bucket, 2)).isEqualTo(new Decision(true, 1, WINDOW));
    }

    @Test
    void refusedHitsAreCountedButDoNotExtendTheWindow() {
        String bucket = bucket("refused");
        assertThat(hit(bucket, 1)).isEqualTo(new Decision(true, 1, WINDOW));
        clock.advance(Duration.ofSeconds(30));
        assertThat(hit(bucket, 1)).isEqualTo(new Decision(false, 2, Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(29));
        assertThat(hit(bucket, 1)).isEqualTo(new Decision(false, 3, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(hit(bucket, 1)).isEqualTo(new Decision(true, 1, WINDOW));
    }

    @Test
    void bucketsAreCountedIndependently() {
        String exhausted = bucket("exhausted");
        String fresh = bucket("fresh");
        hit(exhausted, 1);
        assertThat(hit(exhausted, 1).allowed()).isFalse();

        clock.advance(Duration.ofSeconds(20));
        assertThat(hit(fresh, 1)).isEqualTo(new Decision(true, 1, WINDOW));
        assertThat(hit(exhausted, 1)).isEqualTo(new Decision(false, 3, Duration.ofSeconds(40)));

        clock.set(T0.plus(WINDOW));
        assertThat(hit(exhausted, 1)).isEqualTo(new Decision(true, 1, WINDOW));
        assertThat(hit(fresh, 1)).isEqualTo(new Decision(false, 2, Duration.ofSeconds(20)));
    }

    @Test
    void bucketNamesMayHoldAnyCharacters() {
        String token = UUID.randomUUID().toString();
        List<String> variants = List.of("", " ", ":", "::", "a", "A", "a ", "a:b", "a:b:c", "ip:127.0.0.1",
                "ip:::1", "*", "?", "[ab]", "{tag}", "\n\t\r", "quote\"'back\\slash", "\u0000nul",
                "Grüße 世界 🚀", "x".repeat(4096));
        List<String> buckets = new ArrayList<>();
        for (String variant : variants) {
            buckets.add(token + variant);
            if (!variant.isEmpty()) {
                buckets.add(variant + token);
            }
        }
        assertThat(buckets).doesNotHaveDuplicates();

        // if two names shared a counter, the later one's first hit would not count 1
        for (String bucket : buckets) {
            assertThat(hit(bucket, 1)).as("first hit on %s", bucket).isEqualTo(new Decision(true, 1, WINDOW));
        }
        for (String bucket : buckets) {
            assertThat(hit(bucket, 1)).as("second hit on %s", bucket).isEqualTo(new Decision(false, 2, WINDOW));
        }
    }

    @Test
    void instancesOnTheSameBackendShareCounts() {
        String bucket = bucket("shared");
        assertThat(hit(limiter(), bucket, 3).count()).isEqualTo(1);
        assertThat(hit(otherInstance(), bucket, 3).count()).isEqualTo(2);
        assertThat(hit(limiter(), bucket, 3).count()).isEqualTo(3);
        assertThat(hit(otherInstance(), bucket, 3)).isEqualTo(new Decision(false, 4, WINDOW));

        clock.set(T0.plus(WINDOW));
        assertThat(hit(otherInstance(), bucket, 3)).isEqualTo(new Decision(true, 1, WINDOW));
        clock.advance(Duration.ofSeconds(5));
        assertThat(hit(limiter(), bucket, 3)).isEqualTo(new Decision(true, 2, Duration.ofSeconds(55)));
    }

    /**
     * 32 threads, on both instances, hit a fresh bucket with a limit of 10 at once: every hit gets a count
     * of its own, and exactly the first 10 counts are allowed.
     */
    @Test
    void concurrentHitsAreCountedAtomically() throws Exception {
        String bucket = bucket("concurrent");
        int threads = 32;
        int hitsPerThread = 4;
        int limit = 10;
        Instant now = clock.instant();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Decision> decisions = new ArrayList<>();
        try {
            List<Future<List<Decision>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RateLimiter limiter = t % 2 == 0 ? limiter() : otherInstance();
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Decision> mine = new ArrayList<>();
                    for (int i = 0; i < hitsPerThread; i++) {
                        mine.add(limiter.hit(bucket, limit, WINDOW, now));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Decision>> future : futures) {
                decisions.addAll(future.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        int total = threads * hitsPerThread;
        assertThat(decisions).hasSize(total);
        assertThat(decisions).filteredOn(Decision::allowed).hasSize(limit)
                .extracting(Decision::count).containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, limit).boxed().toList());
        assertThat(decisions).extracting(Decision::count)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(decisions).extracting(Decision::retryAfter).containsOnly(WINDOW);
    }
}
