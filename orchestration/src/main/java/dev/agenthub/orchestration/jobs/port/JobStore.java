package dev.agenthub.orchestration.jobs.port;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.jobs.AutopilotJob;
import dev.agenthub.orchestration.jobs.JobCounters;
import dev.agenthub.orchestration.jobs.JobFigures;
import dev.agenthub.orchestration.jobs.JobStatus;
import dev.agenthub.orchestration.jobs.NewJob;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the autopilot job queue (wire spec agenthub §8, §13). Every method is one atomic step, joins the caller's
 * transaction when one is active, and is safe to call from any number of workers on any number of hub instances
 * sharing one database: every transition is a conditional update, so of two racing callers at most one changes a
 * row, and a {@code canceled} job is never moved by a worker (§14 D2). Implementations are checked by the contract
 * kit's {@code JobStoreContract}.
 */
public interface JobStore {

    /** Inserts a {@code queued} job with {@code attempts = 0}, no counters and {@code created_at = updated_at = at}. */
    AutopilotJob insert(long projectId, NewJob job, Instant at);

    /** The job with this id, of any project. */
    Optional<AutopilotJob> find(long jobId);

    /** The job with this id if it belongs to {@code projectId}. */
    Optional<AutopilotJob> find(long projectId, long jobId);

    /** A page of the project's jobs, optionally of one status, {@code created_at} desc, then id desc. */
    List<AutopilotJob> list(long projectId, Optional<JobStatus> status, PageSlice page);

    /**
     * Cancels the project's job if it is {@code queued} or {@code running}: status {@code canceled},
     * {@code canceled_at = finished_at = at}. A terminal job is left unchanged.
     *
     * @return the job after the call; empty when the project has no such job
     */
    Optional<AutopilotJob> cancel(long projectId, long jobId, Instant at);

    /**
     * Returns the project's job to {@code queued} only if it is {@code failed} or {@code canceled}: attempts 0,
     * worker, start, finish and cancel times cleared, counters 0, {@code merged_pr_ids_json = "[]"},
     * {@code error_message = ""}.
     *
     * @return the job after the update; empty when no row changed (no such job, or not failed or canceled)
     */
    Optional<AutopilotJob> retry(long projectId, long jobId, Instant at);

    /**
     * Claims the oldest {@code queued} job (by {@code created_at}, then id) for {@code workerId}: status
     * {@code running}, {@code attempts + 1}, {@code worker_id}, {@code started_at = at}, {@code error_message = ""}.
     * Rows other claimers hold are skipped, not waited for, so concurrent claimers get distinct jobs.
     *
     * @return the claimed job; empty when none is queued (or every queued one is being claimed by another)
     */
    Optional<AutopilotJob> claimNext(String workerId, Instant at);

    /**
     * Stale recovery (§8): every {@code running} job with {@code started_at <= startedAtOrBefore} goes back to
     * {@code queued} (worker and start cleared) when {@code attempts < max_attempts}, else to {@code failed}
     * ({@code finished_at = at}); either way {@code error_message = message}. Each stale job is recovered by one
     * caller only.
     *
     * @return the number of jobs this call recovered
     */
    int recoverStale(Instant startedAtOrBefore, String message, Instant at);

    /**
     * The end of a successful run (§8, §14 D2). While the job is {@code running} and owned by {@code workerId} it
     * becomes {@code completed} with the counters, {@code finished_at = at} and {@code error_message = ""}. When it
     * was canceled meanwhile (and still names {@code workerId}) only the counters are recorded; status and
     * {@code finished_at} keep the cancel.
     */
    Outcome complete(long jobId, String workerId, JobCounters counters, Instant at);

    /**
     * The end of a failed run (§8, §14 D2). While the job is {@code running} and owned by {@code workerId}: when
     * {@code retryable} and {@code attempts < max_attempts} it goes back to {@code queued} with {@code worker_id}
     * and {@code started_at} cleared, else to {@code failed} with {@code finished_at = at}; either way with
     * {@code error_message = message}. A job canceled meanwhile keeps {@code canceled} and its {@code finished_at};
     * only the message is recorded.
     */
    Outcome fail(long jobId, String workerId, String message, boolean retryable, Instant at);

    /**
     * Returns a job its worker is giving up without a result (the worker is shutting down): while {@code running}
     * and owned by {@code workerId} it goes back to {@code queued} with worker and start cleared and the attempt
     * given back ({@code attempts - 1}), so a shutdown does not use up a retry.
     */
    Outcome release(long jobId, String workerId, Instant at);

    /** Jobs by status and the {@code created_at} of the oldest queued job, over all projects (for metrics). */
    JobFigures figures();

    /** What a worker's final mark did. */
    enum Outcome {
        /** The job moved as asked. */
        UPDATED,
        /** The job had been canceled: its status was kept, and the counters or message recorded. */
        KEPT_CANCELED,
        /** Nothing changed: the job is gone, or no longer running under this worker (e.g. recovered as stale). */
        NOT_OWNED
    }
}
