package dev.agenthub.protocol.kernel.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds from the injected clock, then random bits.
 * Ids minted later sort later, which keeps B-tree indexes on id columns append-mostly.
 *
 * <p>Within one generator ids are strictly increasing even when the clock stalls or steps back: the
 * millisecond field never goes below the last one used, and a 12-bit sequence in {@code rand_a}
 * orders ids minted within one millisecond.
 */
public final class TimeOrderedIdGenerator implements IdGenerator {

    private final Clock clock;
    private final Random random;
    /** (millis << 12) | sequence of the last id, so one CAS orders both. */
    private final AtomicLong lastStamp = new AtomicLong();

    public TimeOrderedIdGenerator(Clock clock) {
        this(clock, new SecureRandom());
    }

    public TimeOrderedIdGenerator(Clock clock, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public UUID newId() {
        long stamp = nextStamp();
        long millis = stamp >>> 12;
        long sequence = stamp & 0xFFFL;
        long msb = (millis << 16) | (0x7L << 12) | sequence;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    private long nextStamp() {
        while (true) {
            long previous = lastStamp.get();
            long nowStamp = (clock.millis() & 0xFFFF_FFFF_FFFFL) << 12;
            long candidate = nowStamp > previous ? nowStamp : previous + 1;
            if (lastStamp.compareAndSet(previous, candidate)) {
                return candidate;
            }
        }
    }
}
