package dev.agenthub.protocol.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeOrderedIdGeneratorTest {

    private static final long T0 = Instant.parse("2026-02-07T11:14:49.123Z").toEpochMilli();

    /** A clock the test sets by hand; it moves only when told to, forwards or backwards. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void set(long value) {
            millis.set(value);
        }

        void advance(long delta) {
            millis.addAndGet(delta);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A Random whose nextLong is always the given value. */
    static final class ConstantRandom extends Random {
        private final long value;

        ConstantRandom(long value) {
            this.value = value;
        }

        @Override
        public long nextLong() {
            return value;
        }
    }

    private static long embeddedMillis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    /** Byte-wise (unsigned) order, the order the canonical text and a database uuid column sort in. */
    private static int unsignedCompare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static void assertStrictlyIncreasing(List<UUID> ids) {
        for (int i = 1; i < ids.size(); i++) {
            UUID previous = ids.get(i - 1);
            UUID current = ids.get(i);
            assertThat(unsignedCompare(previous, current))
                    .as("id %d (%s) must sort after id %d (%s)", i, current, i - 1, previous)
                    .isNegative();
            assertThat(current.toString().compareTo(previous.toString()))
                    .as("text of id %d must sort after id %d", i, i - 1)
                    .isPositive();
        }
    }

    @Test
    void mintsVersion7WithTheRfcVariant() {
        var generator = new TimeOrderedIdGenerator(Clock.systemUTC());
        for (int i = 0; i < 1_000; i++) {
            UUID id = generator.newId();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        }
    }

    @Test
    void versionAndVariantBitsSurviveAnyRandomBits() {
        for (long bits : new long[] {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x5555_5555_5555_5555L}) {
            UUID id = new TimeOrderedIdGenerator(new MutableClock(T0), new ConstantRandom(bits)).newId();
            assertThat(id.version()).as("version with random bits %x", bits).isEqualTo(7);
            assertThat(id.variant()).as("variant with random bits %x", bits).isEqualTo(2);
            assertThat(embeddedMillis(id)).isEqualTo(T0);
        }
    }

    @Test
    void randomBitsFillTheLowHalfBelowTheVariant() {
        UUID id = new TimeOrderedIdGenerator(new MutableClock(T0), new ConstantRandom(-1L)).newId();
        assertThat(id.getLeastSignificantBits()).isEqualTo(0xBFFF_FFFF_FFFF_FFFFL);
        UUID other = new TimeOrderedIdGenerator(new MutableClock(T0), new ConstantRandom(0x0123_4567_89AB_CDEFL)).newId();
        assertThat(other.getLeastSignificantBits()).isEqualTo(0x8123_4567_89AB_CDEFL);
    }

    @Test
    void embedsTheClockMillisInTheTop48Bits() {
        var clock = new MutableClock(T0);
        var generator = new TimeOrderedIdGenerator(clock);

        UUID first = generator.newId();
        assertThat(embeddedMillis(first)).isEqualTo(T0);
        assertThat(first.toString()).startsWith(String.format("%08x-%04x-7", T0 >>> 16, T0 & 0xFFFF));

        clock.advance(5);
        assertThat(embeddedMillis(generator.newId())).isEqualTo(T0 + 5);

        clock.set(T0 + 86_400_000L);
        assertThat(embeddedMillis(generator.newId())).isEqualTo(T0 + 86_400_000L);
    }

    @Test
    void embedsTheRealClockTime() {
        long before = System.currentTimeMillis();
        UUID id = new TimeOrderedIdGenerator(Clock.systemUTC()).newId();
        long after = System.currentTimeMillis();
        assertThat(embeddedMillis(id)).isBetween(before, after);
    }

    @Test
    void strictlyIncreasingWhileTheClockStandsStill() {
        var generator = new TimeOrderedIdGenerator(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.newId());
        }
        assertStrictlyIncreasing(ids);
        assertThat(embeddedMillis(ids.get(0))).isEqualTo(T0);
        assertThat(ids).allSatisfy(id -> assertThat(embeddedMillis(id)).isGreaterThanOrEqualTo(T0));
    }

    @Test
    void strictlyIncreasingWhenTheClockStepsBackwards() {
        var clock = new MutableClock(T0 + 10_000);
        var generator = new TimeOrderedIdGenerator(clock);
        List<UUID> ids = new ArrayList<>();
        ids.add(generator.newId());
        clock.set(T0);                       // NTP correction: 10 s back
        ids.add(generator.newId());
        ids.add(generator.newId());
        clock.advance(5_000);                // still before the first id
        ids.add(generator.newId());
        clock.set(T0 + 20_000);              // past it again
        ids.add(generator.newId());

        assertStrictlyIncreasing(ids);
        for (UUID id : ids.subList(1, 4)) {
            assertThat(embeddedMillis(id)).as("millis never go below the last used").isGreaterThanOrEqualTo(T0 + 10_000);
        }
        assertThat(embeddedMillis(ids.get(4))).isEqualTo(T0 + 20_000);
    }

    @Test
    void strictlyIncreasingAcrossAJitteringClock() {
        var clock = new MutableClock(T0);
        var generator = new TimeOrderedIdGenerator(clock);
        var jitter = new Random(42);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            clock.advance(jitter.nextInt(7) - 3);   // -3..+3 ms
            ids.add(generator.newId());
        }
        assertStrictlyIncreasing(ids);
    }

    @Test
    void hundredThousandIdsFromOneMillisecondAreUniqueAndOrdered() {
        var generator = new TimeOrderedIdGenerator(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        List<UUID> ids = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            ids.add(generator.newId());
        }
        assertThat(new HashSet<>(ids)).hasSize(100_000);
        assertStrictlyIncreasing(ids);
    }

    @Test
    void uniqueAcrossFourThreadsSharingOneGenerator() throws Exception {
        var generator = new TimeOrderedIdGenerator(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        int threads = 4;
        int perThread = 25_000;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<UUID>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<UUID>> task = () -> {
                    start.await();
                    List<UUID> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(generator.newId());
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> future : futures) {
                List<UUID> mine = future.get(60, TimeUnit.SECONDS);
                assertStrictlyIncreasing(mine);   // each caller sees increasing ids
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void separateGeneratorsDoNotCollide() {
        var clock = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);
        var a = new TimeOrderedIdGenerator(clock);
        var b = new TimeOrderedIdGenerator(clock);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(a.newId());
            ids.add(b.newId());
        }
        assertThat(ids).hasSize(20_000);
    }

    @Test
    void rejectsNullCollaborators() {
        assertThatNullPointerException().isThrownBy(() -> new TimeOrderedIdGenerator(null));
        assertThatNullPointerException().isThrownBy(() -> new TimeOrderedIdGenerator(Clock.systemUTC(), null));
    }
}
