package dev.agenthub.server;

import dev.agenthub.orchestration.jobs.JobWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The hub's job workers (wire spec agenthub §8), one platform thread each. A worker ticks, then pauses for the poll
 * interval when it found nothing and about 50 ms after a job. An error escaping a tick is counted, logged, and the
 * loop goes on. {@link #close()} asks every worker to stop: a running cycle stops before its next claim and its job
 * returns to the queue; close waits up to the grace period for that.
 */
final class JobWorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobWorkerPool.class);
    /** The pause after a tick that ran a job, so a backlog drains quickly. */
    static final Duration BUSY_PAUSE = Duration.ofMillis(50);

    private final List<JobWorker> workers;
    private final Duration pollInterval;
    private final Duration grace;
    private final LongConsumer loopErrors;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param loopErrors told of every error that escaped a tick (the loop-error metric)
     * @param grace      how long {@link #close()} waits for the workers to finish their step
     */
    JobWorkerPool(List<JobWorker> workers, Duration pollInterval, Duration grace, LongConsumer loopErrors) {
        this.workers = List.copyOf(workers);
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.loopErrors = Objects.requireNonNull(loopErrors, "loopErrors");
    }

    synchronized void start() {
        for (JobWorker worker : workers) {
            threads.add(Thread.ofPlatform().name("agent-hub-job-" + worker.workerId()).daemon()
                    .start(() -> loop(worker)));
        }
        log.info("{} job worker(s) started: {}", workers.size(), workers.stream().map(JobWorker::workerId).toList());
    }

    private boolean stopping() {
        return stop.getCount() == 0;
    }

    private void loop(JobWorker worker) {
        while (!stopping()) {
            Duration pause = pollInterval;
            try {
                if (worker.runOnce(this::stopping).isPresent()) {
                    pause = BUSY_PAUSE;
                }
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) { // the loop must survive anything else (§8)
                loopErrors.accept(1);
                log.warn("job worker {} loop error; retrying in {} ms", worker.workerId(), pollInterval.toMillis(), e);
            }
            try {
                if (stop.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Asks every worker to stop at its next check, without waiting (the hub calls this before draining HTTP). */
    void requestStop() {
        stop.countDown();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        stop.countDown();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Duration.ofNanos(left));
            }
            if (thread.isAlive()) {
                log.warn("job worker thread {} did not stop within {} s; its job stays running until stale recovery",
                        thread.getName(), grace.toSeconds());
            }
        }
    }
}
