package dev.agenthub.testkit.git;

import dev.agenthub.orchestration.git.port.ProjectLocks;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link ProjectLocks} contract. Extend it with two lock instances standing for two servers: for a distributed
 * implementation, two instances on separate connection pools to one database; for a single-instance one, the same
 * instance twice. Every test uses fresh project ids.
 */
public abstract class ProjectLocksContract {

    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    /** The locks of the first "server". */
    protected abstract ProjectLocks firstServer();

    /** The locks of the second "server" (the same instance when the implementation is single-instance). */
    protected abstract ProjectLocks secondServer();

    /** A project id not used by an earlier test. */
    protected long newProjectId() {
        return ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
    }

    private ProjectLocks server(int index) {
        return index % 2 == 0 ? firstServer() : secondServer();
    }

    @Test
    void returnsTheResultOfTheWork() {
        assertThat(firstServer().exclusively(newProjectId(), LONG_WAIT, () -> "done")).isEqualTo("done");
    }

    @Test
    void concurrentCallersOnBothServersNeverOverlap() throws Exception {
        long project = newProjectId();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        int threads = 6;
        int rounds = 8;
        ConcurrentRuns.run(threads, thread -> {
            for (int round = 0; round < rounds; round++) {
                server(thread + round).exclusively(project, LONG_WAIT, () -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(2); // widen the window in which an overlap would show
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inside.decrementAndGet();
                    return runs.incrementAndGet();
                });
            }
        });
        assertThat(runs.get()).isEqualTo(threads * rounds);
        assertThat(maxInside.get()).isEqualTo(1);
    }

    @Test
    void aCallerThatWaitsTooLongGetsLockTimeoutAndItsWorkDoesNotRun() throws Exception {
        long project = newProjectId();
        AtomicBoolean ran = new AtomicBoolean();
        holdWhile(firstServer(), project, () -> assertThatThrownBy(() ->
                secondServer().exclusively(project, Duration.ofMillis(300), () -> ran.getAndSet(true)))
                .isInstanceOf(ProjectLocks.LockTimeout.class));
        assertThat(ran).isFalse();
    }

    @Test
    void theLockIsReleasedWhenTheWorkThrowsAndTheExceptionPropagatesUnchanged() {
        long project = newProjectId();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> firstServer().exclusively(project, LONG_WAIT, () -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(secondServer().exclusively(project, Duration.ofSeconds(5), () -> "after")).isEqualTo("after");
        assertThat(firstServer().exclusively(project, Duration.ofSeconds(5), () -> "again")).isEqualTo("again");
    }

    @Test
    void differentProjectsDoNotBlockEachOther() throws Exception {
        long held = newProjectId();
        long other = held + 1;
        holdWhile(firstServer(), held, () -> {
            assertThat(secondServer().exclusively(other, Duration.ofSeconds(5), () -> "other")).isEqualTo("other");
            assertThat(firstServer().exclusively(other, Duration.ofSeconds(5), () -> "same server")).isEqualTo("same server");
        });
    }

    @Test
    void aWaitingCallerGetsTheLockOnceItIsReleased() throws Exception {
        long project = newProjectId();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean released = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> second;
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> firstServer().exclusively(project, LONG_WAIT, () -> {
                holding.countDown();
                await(release);
                released.set(true);
                return null;
            }));
            await(holding);
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                second = other.submit(() -> {
                    waiting.countDown();
                    return secondServer().exclusively(project, LONG_WAIT, released::get);
                });
                await(waiting);
                release.countDown();
                assertThat(second.get(60, TimeUnit.SECONDS)).as("the waiter ran only after the holder finished").isTrue();
            } finally {
                other.shutdownNow();
            }
            holder.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Holds {@code project}'s lock on {@code locks} in another thread while {@code check} runs. */
    private static void holdWhile(ProjectLocks locks, long project, ThrowingRunnable check) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> holder = pool.submit(() -> locks.exclusively(project, LONG_WAIT, () -> {
                holding.countDown();
                await(release);
                return null;
            }));
            assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
            try {
                check.run();
            } finally {
                release.countDown();
            }
            holder.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
