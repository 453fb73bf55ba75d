package dev.agenthub.orchestration.jobs;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.jobs.port.JobStore;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.protocol.kernel.error.DomainError;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The job routes of wire spec agenthub §5: enqueue, list, get, cancel and retry. Running them is the
 * {@link JobWorker}'s part.
 */
public final class AutopilotJobs {

    public static final String NOT_FOUND = "Job not found";
    public static final String NOT_RETRYABLE = "Only failed or canceled jobs can be retried";

    private final Projects projects;
    private final JobStore store;
    private final Clock clock;

    public AutopilotJobs(Projects projects, JobStore store, Clock clock) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Queues a job; the provider is not checked until the job runs.
     *
     * @throws DomainError.NotFound {@code Project not found}
     */
    public AutopilotJob enqueue(long projectId, NewJob job) {
        projects.require(projectId);
        return store.insert(projectId, job, clock.instant());
    }

    /** @throws DomainError.NotFound {@code Project not found} */
    public List<AutopilotJob> list(long projectId, Optional<JobStatus> status, PageSlice page) {
        projects.require(projectId);
        return store.list(projectId, status, page);
    }

    /** @throws DomainError.NotFound {@code Project not found}, {@code Job not found} (also for another project's job) */
    public AutopilotJob get(long projectId, long jobId) {
        projects.require(projectId);
        return store.find(projectId, jobId).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
    }

    /**
     * Cancels a queued or running job; a terminal one is returned unchanged. A running worker notices before its next
     * claim and never marks the job completed or failed (§14 D2).
     *
     * @throws DomainError.NotFound {@code Project not found}, {@code Job not found}
     */
    public AutopilotJob cancel(long projectId, long jobId) {
        projects.require(projectId);
        return store.cancel(projectId, jobId, clock.instant()).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
    }

    /**
     * Queues a failed or canceled job again, from scratch.
     *
     * @throws DomainError.NotFound {@code Project not found}, {@code Job not found}
     * @throws DomainError.Conflict {@code Only failed or canceled jobs can be retried}
     */
    public AutopilotJob retry(long projectId, long jobId) {
        projects.require(projectId);
        Optional<AutopilotJob> retried = store.retry(projectId, jobId, clock.instant());
        if (retried.isPresent()) {
            return retried.get();
        }
        store.find(projectId, jobId).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
        throw new DomainError.Conflict(NOT_RETRYABLE);
    }
}
