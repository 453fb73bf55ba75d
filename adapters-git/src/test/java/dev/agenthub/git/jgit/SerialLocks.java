package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.ProjectLocks;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A test {@link ProjectLocks}: one lock for all projects (adapters-git may not use the persistence adapters). */
final class SerialLocks implements ProjectLocks {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T> T exclusively(long projectId, Duration wait, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
