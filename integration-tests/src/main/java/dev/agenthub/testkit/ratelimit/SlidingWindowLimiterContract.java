package dev.agenthub.testkit.ratelimit;

import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter;
import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter.Decision;
import dev.agenthub.testkit.ConcurrentRuns;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link SlidingWindowLimiter} contract. Extend it with the limiter under test and a second instance on the
 * same backend, as another hub instance would hold it ({@link #otherInstance()}); a limiter that is not shared
 * returns the same object.
 *
 * <p>Time is the {@link #clock} of each test, moved by hand and only forward, in whole microseconds. The window is
 * a minute, so a backend that also expires keys in real time keeps them for the length of a test. Every test hits
 * keys of its own.
 */
public abstract class SlidingWindowLimiterContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    protected static final Duration WINDOW = Duration.ofMinutes(1);

    protected final MutableClock clock = new MutableClock(T0);

    protected abstract SlidingWindowLimiter limiter();

    protected abstract SlidingWindowLimiter otherInstance();

    protected static String key(String label) {
        return "kit:" + label + ":" + UUID.randomUUID();
    }

    private Decision hit(SlidingWindowLimiter limiter, String key, int limit) {
        return limiter.hit(key, limit, WINDOW, clock.instant());
    }

    private Decision hit(String key, int limit) {
        return hit(limiter(), key, limit);
    }

    @Test
    void theFirstLimitHitsAreAllowedAndLaterOnesRefusedWithTheTimeUntilTheOldestLeaves() {
        String key = key("limit");
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            decisions.add(hit(key, 3));
        }
        assertThat(decisions).containsExactly(Decision.allow(), Decision.allow(), Decision.allow(),
                Decision.refuse(60), Decision.refuse(60));
    }

    @Test
    void retryAfterIsFlooredAndAtLeastOneSecond() {
        String key = key("retry");
        hit(key, 1);
        clock.advance(Duration.ofMillis(14_500));
        assertThat(hit(key, 1)).isEqualTo(Decision.refuse(45)); // 45.5 s left
        clock.set(T0.plus(WINDOW).minusMillis(1500));
        assertThat(hit(key, 1)).isEqualTo(Decision.refuse(1));
        clock.set(T0.plus(WINDOW).minusNanos(1000));
        assertThat(hit(key, 1)).isEqualTo(Decision.refuse(1)); // 1 µs left: never 0
        clock.set(T0.plus(WINDOW));
        assertThat(hit(key, 1)).isEqualTo(Decision.allow());
    }

    @Test
    void theWindowSlidesHitByHit() {
        String key = key("slide");
        hit(key, 2); // T0
        clock.advance(Duration.ofSeconds(20));
        hit(key, 2); // T0+20
        clock.advance(Duration.ofSeconds(10));
        assertThat(hit(key, 2)).isEqualTo(Decision.refuse(30)); // oldest T0 leaves at T0+60
        clock.set(T0.plus(WINDOW));
        assertThat(hit(key, 2)).as("T0 left, T0+20 still in").isEqualTo(Decision.allow()); // T0+60
        assertThat(hit(key, 2)).isEqualTo(Decision.refuse(20)); // oldest now T0+20, leaves at T0+80
        clock.set(T0.plusSeconds(80));
        assertThat(hit(key, 2)).isEqualTo(Decision.allow());
        assertThat(hit(key, 2)).isEqualTo(Decision.refuse(40)); // oldest T0+60
    }

    @Test
    void refusedHitsDoNotEnterTheWindow() {
        String key = key("refused");
        hit(key, 1);
        for (int second = 1; second < 60; second += 7) {
            clock.set(T0.plusSeconds(second));
            assertThat(hit(key, 1)).isEqualTo(Decision.refuse(60 - second));
        }
        clock.set(T0.plus(WINDOW));
        assertThat(hit(key, 1)).as("refusals did not keep the window full").isEqualTo(Decision.allow());
    }

    @Test
    void keysAreIndependentAndMayHoldAnyCharacters() {
        String token = UUID.randomUUID().toString();
        List<String> keys = new ArrayList<>();
        for (String variant : List.of("", ":", "ip:127.0.0.1", "ip:::1", "key:0123456789abcdef", "*", "{tag}",
                "\n\t", "quote\"'\\", "Grüße 🚀", "x".repeat(2048))) {
            keys.add(token + variant);
        }
        for (String key : keys) {
            assertThat(hit(key, 1)).as("first hit on %s", key).isEqualTo(Decision.allow());
        }
        for (String key : keys) {
            assertThat(hit(key, 1)).as("second hit on %s", key).isEqualTo(Decision.refuse(60));
        }
    }

    @Test
    void instancesOnTheSameBackendShareAWindow() {
        String key = key("shared");
        assertThat(hit(limiter(), key, 3)).isEqualTo(Decision.allow());
        clock.advance(Duration.ofSeconds(10));
        assertThat(hit(otherInstance(), key, 3)).isEqualTo(Decision.allow());
        assertThat(hit(limiter(), key, 3)).isEqualTo(Decision.allow());
        assertThat(hit(otherInstance(), key, 3)).isEqualTo(Decision.refuse(50));
        clock.set(T0.plus(WINDOW));
        assertThat(hit(otherInstance(), key, 3)).isEqualTo(Decision.allow());
        assertThat(hit(limiter(), key, 3)).isEqualTo(Decision.refuse(10));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> limiter().hit(key("bad"), 0, WINDOW, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter().hit(key("bad"), 1, Duration.ofMillis(999), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter().hit(null, 1, WINDOW, T0)).isInstanceOf(NullPointerException.class);
    }

    /** 32 threads, on both instances, hit a fresh key with a limit of 10 at once: exactly 10 are allowed. */
    @Test
    void concurrentHitsOnAFreshKeyAllowExactlyTheLimit() throws Exception {
        String key = key("concurrent");
        int threads = 32;
        int hitsPerThread = 3;
        int limit = 10;
        Instant now = clock.instant();
        List<Decision> decisions = Collections.synchronizedList(new ArrayList<>());
        ConcurrentRuns.run(threads, t -> {
            SlidingWindowLimiter limiter = t % 2 == 0 ? limiter() : otherInstance();
            for (int i = 0; i < hitsPerThread; i++) {
                decisions.add(limiter.hit(key, limit, WINDOW, now));
            }
        });
        assertThat(decisions).hasSize(threads * hitsPerThread);
        assertThat(decisions).filteredOn(Decision::allowed).hasSize(limit);
        assertThat(decisions).filteredOn(d -> !d.allowed()).containsOnly(Decision.refuse(60));
    }
}
