package dev.agenthub.orchestration.jobs;

import dev.agenthub.orchestration.cycle.AutopilotCycle;
import dev.agenthub.orchestration.cycle.CycleRequest;
import dev.agenthub.orchestration.cycle.CycleResult;
import dev.agenthub.orchestration.jobs.port.JobStore;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.providers.port.ProviderCatalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One job worker (wire spec agenthub §8): each {@link #runOnce tick} recovers stale jobs, claims the oldest queued
 * one and runs one autopilot cycle for it. Any number of workers, in one process or many, may share a queue: the
 * store's conditional updates decide every race. Not thread-safe itself: one thread drives one worker.
 *
 * <p>The cycle claims items as the job id (§14 D1) and re-reads the job before each claim; a job canceled meanwhile
 * stops after the item in flight and keeps {@code canceled} (§14 D2). A worker that is stopping stops its cycle the
 * same way and returns the job to the queue.
 */
public final class JobWorker {

    public static final int MAX_ERROR_LENGTH = 3000;
    public static final String DEFAULT_ERROR = "Job execution failed";

    private final JobStore jobs;
    private final ProjectStore projects;
    private final ProviderCatalog providers;
    private final AutopilotCycle cycle;
    private final Clock clock;
    private final String workerId;
    private final Duration staleTimeout;
    private final Listener listener;

    /**
     * @param workerId     this worker's id, distinct among all workers sharing the queue ({@code worker-<host>-<pid>})
     * @param staleTimeout how long a job may run before any worker returns it to the queue (§8)
     */
    public JobWorker(JobStore jobs, ProjectStore projects, ProviderCatalog providers, AutopilotCycle cycle, Clock clock,
                     String workerId, Duration staleTimeout, Listener listener) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.staleTimeout = Objects.requireNonNull(staleTimeout, "staleTimeout");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (workerId.isBlank() || workerId.length() > 120) {
            throw new IllegalArgumentException("a worker id is 1..120 characters: " + workerId);
        }
        if (staleTimeout.isNegative() || staleTimeout.isZero()) {
            throw new IllegalArgumentException("the stale timeout must be positive: " + staleTimeout);
        }
    }

    public String workerId() {
        return workerId;
    }

    /** The §8 message of a stale recovery. */
    public static String staleMessage(Duration timeout) {
        return "Recovered stale running job after exceeding timeout (" + timeout.toSeconds() + "s)";
    }

    /**
     * One tick: stale recovery, then (unless {@code stopping}) one claim and its run.
     *
     * @param stopping read between steps; once true the running cycle stops after its item in flight and the job is
     *                 returned to the queue
     * @return the id of the job this tick ran; empty when none was queued
     */
    public Optional<Long> runOnce(BooleanSupplier stopping) {
        Instant now = clock.instant();
        int recovered = jobs.recoverStale(now.minus(staleTimeout), staleMessage(staleTimeout), now);
        if (recovered > 0) {
            listener.staleRecovered(recovered);
        }
        if (stopping.getAsBoolean()) {
            return Optional.empty();
        }
        Optional<AutopilotJob> claimed = jobs.claimNext(workerId, clock.instant());
        claimed.ifPresent(job -> run(job, stopping));
        return claimed.map(AutopilotJob::id);
    }

    private void run(AutopilotJob job, BooleanSupplier stopping) {
        if (projects.find(job.projectId()).isEmpty()) {
            finish(job, jobs.fail(job.id(), workerId, "Project " + job.projectId() + " not found", false, clock.instant()));
            return;
        }
        ChangeProvider provider;
        try {
            provider = providers.select(job.provider());
        } catch (ProviderCatalog.UnsupportedProvider unsupported) {
            finish(job, jobs.fail(job.id(), workerId, errorMessage(unsupported), false, clock.instant()));
            return;
        }
        CycleRequest.JobControl control = new CycleRequest.JobControl() {
            @Override
            public long jobId() {
                return job.id();
            }

            @Override
            public boolean canceled() {
                return stopping.getAsBoolean() || !stillOwned(job.id());
            }
        };
        CycleResult result;
        try {
            result = cycle.run(new CycleRequest(job.projectId(), job.maxItems(), provider, Long.toString(job.id()),
                    Optional.of(control)));
        } catch (RuntimeException failure) {
            finish(job, jobs.fail(job.id(), workerId, errorMessage(failure), true, clock.instant()));
            return;
        }
        if (result.canceled() && stopping.getAsBoolean() && stillOwned(job.id())) {
            finish(job, jobs.release(job.id(), workerId, clock.instant()));
            return;
        }
        finish(job, jobs.complete(job.id(), workerId, new JobCounters(result.processedItems(),
                result.mergedPullRequestIds()), clock.instant()));
    }

    /** Whether the job is still running under this worker (not canceled, not recovered as stale). */
    private boolean stillOwned(long jobId) {
        return jobs.find(jobId)
                .map(current -> current.status() == JobStatus.RUNNING && current.workerId().equals(Optional.of(workerId)))
                .orElse(false);
    }

    private void finish(AutopilotJob job, JobStore.Outcome outcome) {
        listener.jobFinished(job.id(), outcome);
    }

    /** The stored form of a failure: its message, at most 3000 characters, {@code Job execution failed} when blank. */
    static String errorMessage(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return DEFAULT_ERROR;
        }
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }

    /** What a worker reports, for metrics and logs. Called on the worker's thread; must not throw. */
    public interface Listener {
        /** {@code count > 0} stale jobs were recovered by this worker's tick. */
        void staleRecovered(int count);

        /** The run of a claimed job ended with this final mark. */
        default void jobFinished(long jobId, JobStore.Outcome outcome) {
        }

        Listener NONE = count -> { };
    }
}
