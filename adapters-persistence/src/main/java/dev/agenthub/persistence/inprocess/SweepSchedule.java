package dev.agenthub.persistence.inprocess;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When an in-process cache sweeps out its expired entries: after as many writes as the last sweep left entries,
 * or {@code minimumBetweenSweeps}, whichever is more, so a write costs amortised constant time and the cache holds
 * at most about twice what the last sweep left, plus that minimum. One sweep runs at a time; a write that comes due
 * while another thread sweeps skips its turn.
 */
final class SweepSchedule {

    private final int minimumBetweenSweeps;
    private final AtomicLong writesUntilSweep;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    SweepSchedule(int minimumBetweenSweeps) {
        this.minimumBetweenSweeps = minimumBetweenSweeps;
        this.writesUntilSweep = new AtomicLong(minimumBetweenSweeps);
    }

    /** Counts one write; when a sweep is due, runs {@code sweep} and schedules the next by {@code heldAfterSweep}. */
    void afterWrite(Runnable sweep, LongSupplier heldAfterSweep) {
        if (writesUntilSweep.decrementAndGet() > 0 || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            sweep.run();
            writesUntilSweep.set(Math.max(minimumBetweenSweeps, heldAfterSweep.getAsLong()));
        } finally {
            sweeping.set(false);
        }
    }
}
