package dev.agenthub.persistence.inprocess;

import dev.agenthub.orchestration.git.port.ProjectLocks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The single-instance {@link ProjectLocks}: one fair {@link ReentrantLock} per project, held in this JVM only. Right
 * for the embedded mode, or when one server does all git work; several servers on one database need
 * {@code PgProjectLocks}. One lock object is kept per project ever locked (a few dozen bytes each).
 */
public final class InProcessProjectLocks implements ProjectLocks {

    private final ConcurrentHashMap<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public <T> T exclusively(long projectId, Duration wait, Supplier<T> work) {
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(work, "work");
        ReentrantLock lock = locks.computeIfAbsent(projectId, id -> new ReentrantLock(true));
        boolean acquired;
        try {
            acquired = lock.tryLock(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeout("interrupted while waiting for the lock of project " + projectId);
        }
        if (!acquired) {
            throw new LockTimeout("lock of project " + projectId + " not obtained within " + wait);
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
