package dev.agenthub.orchestration.forge.port;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Port: one exclusive lock per pull request, across every server instance sharing the database, under which a
 * forge sync runs, so two concurrent first syncs of one PR cannot both create a remote PR (wire spec agenthub
 * §14 D6). Implementations hold no database transaction while {@code work} runs (a session advisory lock on its
 * own connection in production), so the forge HTTP calls inside never keep a transaction open.
 */
@FunctionalInterface
public interface SyncLocks {

    /**
     * Runs {@code work} holding the pull request's lock and returns its result; the lock is released when
     * {@code work} returns or throws. A thread must not nest calls for one PR.
     *
     * @throws Busy when the lock is not obtained within {@code wait}; {@code work} did not run then
     */
    <T> T exclusively(long pullRequestId, Duration wait, Supplier<T> work);

    /** The lock was not obtained in time. */
    final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message, null, false, false);
        }
    }
}
