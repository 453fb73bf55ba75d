package dev.agenthub.orchestration.git.port;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Port: one exclusive lock per project that holds across server instances sharing the database (§14 D1: git work on
 * a project is serialised). Implemented with PostgreSQL session advisory locks; an in-process implementation is for
 * a single instance. The contract kit's {@code ProjectLocksContract} checks mutual exclusion with concurrent callers.
 */
public interface ProjectLocks {

    /**
     * Runs {@code work} while holding the project's lock and returns its result; the lock is released when
     * {@code work} returns or throws. Not reentrant across threads; a thread must not nest calls for one project.
     *
     * @throws LockTimeout when the lock is not obtained within {@code wait}; {@code work} did not run then
     */
    <T> T exclusively(long projectId, Duration wait, Supplier<T> work);

    /** The lock was not obtained in time. */
    final class LockTimeout extends RuntimeException {
        public LockTimeout(String message) {
            super(message);
        }
    }
}
