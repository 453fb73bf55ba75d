package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.jobs.AutopilotJob;
import dev.agenthub.orchestration.jobs.JobCounters;
import dev.agenthub.orchestration.jobs.JobFigures;
import dev.agenthub.orchestration.jobs.JobStatus;
import dev.agenthub.orchestration.jobs.NewJob;
import dev.agenthub.orchestration.jobs.port.JobStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.AutopilotJobsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.AUTOPILOT_JOBS;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.enumColumn;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.micros;
import static dev.agenthub.persistence.protocol.SqlTime.instant;

/**
 * {@link JobStore} on PostgreSQL ({@code orchestration.autopilot_jobs}). Every transition is one conditional
 * {@code UPDATE}; the claim picks its row with {@code FOR UPDATE SKIP LOCKED} in the same statement, so concurrent
 * claimers on any number of instances get distinct jobs without waiting on each other.
 */
public final class JooqJobStore implements JobStore {

    private static final String QUEUED = WireEnum.name(JobStatus.QUEUED);
    private static final String RUNNING = WireEnum.name(JobStatus.RUNNING);
    private static final String COMPLETED = WireEnum.name(JobStatus.COMPLETED);
    private static final String FAILED = WireEnum.name(JobStatus.FAILED);
    private static final String CANCELED = WireEnum.name(JobStatus.CANCELED);

    private final JooqSession session;

    public JooqJobStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public AutopilotJob insert(long projectId, NewJob job, Instant at) {
        OffsetDateTime now = micros(at);
        return toJob(session.dsl().insertInto(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.PROJECT_ID, projectId)
                .set(AUTOPILOT_JOBS.STATUS, QUEUED)
                .set(AUTOPILOT_JOBS.MAX_ITEMS, job.maxItems())
                .set(AUTOPILOT_JOBS.PROVIDER, job.provider().orElse(null))
                .set(AUTOPILOT_JOBS.REQUESTED_BY, job.requestedBy())
                .set(AUTOPILOT_JOBS.ATTEMPTS, 0)
                .set(AUTOPILOT_JOBS.MAX_ATTEMPTS, job.maxAttempts())
                .set(AUTOPILOT_JOBS.CREATED_AT, now)
                .set(AUTOPILOT_JOBS.UPDATED_AT, now)
                .returning()
                .fetchOne());
    }

    @Override
    public Optional<AutopilotJob> find(long jobId) {
        return session.dsl().selectFrom(AUTOPILOT_JOBS).where(AUTOPILOT_JOBS.ID.eq(jobId)).fetchOptional(JooqJobStore::toJob);
    }

    @Override
    public Optional<AutopilotJob> find(long projectId, long jobId) {
        return session.dsl().selectFrom(AUTOPILOT_JOBS)
                .where(AUTOPILOT_JOBS.ID.eq(jobId), AUTOPILOT_JOBS.PROJECT_ID.eq(projectId))
                .fetchOptional(JooqJobStore::toJob);
    }

    @Override
    public List<AutopilotJob> list(long projectId, Optional<JobStatus> status, PageSlice page) {
        Condition where = AUTOPILOT_JOBS.PROJECT_ID.eq(projectId)
                .and(status.map(s -> AUTOPILOT_JOBS.STATUS.eq(WireEnum.name(s))).orElse(DSL.noCondition()));
        return session.dsl().selectFrom(AUTOPILOT_JOBS)
                .where(where)
                .orderBy(AUTOPILOT_JOBS.CREATED_AT.desc(), AUTOPILOT_JOBS.ID.desc())
                .limit(page.limit())
                .offset(page.offset())
                .fetch(JooqJobStore::toJob);
    }

    @Override
    public Optional<AutopilotJob> cancel(long projectId, long jobId, Instant at) {
        OffsetDateTime now = micros(at);
        Optional<AutopilotJob> canceled = session.dsl().update(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.STATUS, CANCELED)
                .set(AUTOPILOT_JOBS.CANCELED_AT, now)
                .set(AUTOPILOT_JOBS.FINISHED_AT, now)
                .set(AUTOPILOT_JOBS.UPDATED_AT, now)
                .where(AUTOPILOT_JOBS.ID.eq(jobId), AUTOPILOT_JOBS.PROJECT_ID.eq(projectId),
                        AUTOPILOT_JOBS.STATUS.in(QUEUED, RUNNING))
                .returning()
                .fetchOptional(JooqJobStore::toJob);
        return canceled.isPresent() ? canceled : find(projectId, jobId);
    }

    @Override
    public Optional<AutopilotJob> retry(long projectId, long jobId, Instant at) {
        return session.dsl().update(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.STATUS, QUEUED)
                .set(AUTOPILOT_JOBS.ATTEMPTS, 0)
                .set(AUTOPILOT_JOBS.WORKER_ID, (String) null)
                .set(AUTOPILOT_JOBS.STARTED_AT, (OffsetDateTime) null)
                .set(AUTOPILOT_JOBS.FINISHED_AT, (OffsetDateTime) null)
                .set(AUTOPILOT_JOBS.CANCELED_AT, (OffsetDateTime) null)
                .set(AUTOPILOT_JOBS.PROCESSED_ITEMS, 0)
                .set(AUTOPILOT_JOBS.CREATED_PRS, 0)
                .set(AUTOPILOT_JOBS.MERGED_PRS, 0)
                .set(AUTOPILOT_JOBS.MERGED_PR_IDS_JSON, JobCounters.NONE.mergedPrIdsJson())
                .set(AUTOPILOT_JOBS.ERROR_MESSAGE, "")
                .set(AUTOPILOT_JOBS.UPDATED_AT, micros(at))
                .where(AUTOPILOT_JOBS.ID.eq(jobId), AUTOPILOT_JOBS.PROJECT_ID.eq(projectId),
                        AUTOPILOT_JOBS.STATUS.in(FAILED, CANCELED))
                .returning()
                .fetchOptional(JooqJobStore::toJob);
    }

    @Override
    public Optional<AutopilotJob> claimNext(String workerId, Instant at) {
        OffsetDateTime now = micros(at);
        // the sub-select locks the oldest queued row no other claimer holds; the outer update re-checks the status
        Field<Long> oldest = DSL.select(AUTOPILOT_JOBS.ID)
                .from(AUTOPILOT_JOBS)
                .where(AUTOPILOT_JOBS.STATUS.eq(QUEUED))
                .orderBy(AUTOPILOT_JOBS.CREATED_AT.asc(), AUTOPILOT_JOBS.ID.asc())
                .limit(1)
                .forUpdate()
                .skipLocked()
                .asField();
        return session.dsl().update(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.STATUS, RUNNING)
                .set(AUTOPILOT_JOBS.ATTEMPTS, AUTOPILOT_JOBS.ATTEMPTS.plus(1))
                .set(AUTOPILOT_JOBS.WORKER_ID, workerId)
                .set(AUTOPILOT_JOBS.STARTED_AT, now)
                .set(AUTOPILOT_JOBS.ERROR_MESSAGE, "")
                .set(AUTOPILOT_JOBS.UPDATED_AT, now)
                .where(AUTOPILOT_JOBS.ID.eq(oldest), AUTOPILOT_JOBS.STATUS.eq(QUEUED))
                .returning()
                .fetchOptional(JooqJobStore::toJob);
    }

    @Override
    public int recoverStale(Instant startedAtOrBefore, String message, Instant at) {
        OffsetDateTime now = micros(at);
        Condition retriesLeft = AUTOPILOT_JOBS.ATTEMPTS.lt(AUTOPILOT_JOBS.MAX_ATTEMPTS);
        return session.dsl().update(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.STATUS, DSL.when(retriesLeft, QUEUED).otherwise(FAILED))
                .set(AUTOPILOT_JOBS.WORKER_ID, DSL.when(retriesLeft, DSL.inline((String) null)).otherwise(AUTOPILOT_JOBS.WORKER_ID))
                .set(AUTOPILOT_JOBS.STARTED_AT, DSL.when(retriesLeft, DSL.inline((OffsetDateTime) null)).otherwise(AUTOPILOT_JOBS.STARTED_AT))
                .set(AUTOPILOT_JOBS.FINISHED_AT, DSL.when(retriesLeft, DSL.inline((OffsetDateTime) null)).otherwise(DSL.val(now)))
                .set(AUTOPILOT_JOBS.ERROR_MESSAGE, message)
                .set(AUTOPILOT_JOBS.UPDATED_AT, now)
                .where(AUTOPILOT_JOBS.STATUS.eq(RUNNING), AUTOPILOT_JOBS.STARTED_AT.le(micros(startedAtOrBefore)))
                .execute();
    }

    @Override
    public Outcome complete(long jobId, String workerId, JobCounters counters, Instant at) {
        OffsetDateTime now = micros(at);
        Field<String> status = DSL.when(AUTOPILOT_JOBS.STATUS.eq(RUNNING), DSL.inline(COMPLETED)).otherwise(AUTOPILOT_JOBS.STATUS);
        String kept = session.dsl().update(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.STATUS, status)
                .set(AUTOPILOT_JOBS.FINISHED_AT, DSL.when(AUTOPILOT_JOBS.STATUS.eq(RUNNING), DSL.val(now)).otherwise(AUTOPILOT_JOBS.FINISHED_AT))
                .set(AUTOPILOT_JOBS.ERROR_MESSAGE, DSL.when(AUTOPILOT_JOBS.STATUS.eq(RUNNING), DSL.inline("")).otherwise(AUTOPILOT_JOBS.ERROR_MESSAGE))
                .set(AUTOPILOT_JOBS.PROCESSED_ITEMS, counters.processedItems())
                .set(AUTOPILOT_JOBS.CREATED_PRS, counters.createdPrs())
                .set(AUTOPILOT_JOBS.MERGED_PRS, counters.mergedPrs())
                .set(AUTOPILOT_JOBS.MERGED_PR_IDS_JSON, counters.mergedPrIdsJson())
                .set(AUTOPILOT_JOBS.UPDATED_AT, now)
                .where(AUTOPILOT_JOBS.ID.eq(jobId), AUTOPILOT_JOBS.WORKER_ID.eq(workerId),
                        AUTOPILOT_JOBS.STATUS.in(RUNNING, CANCELED))
                .returning(AUTOPILOT_JOBS.STATUS)
                .fetchOptional(AUTOPILOT_JOBS.STATUS)
                .orElse(null);
        return outcome(kept);
    }

    @Override
    public Outcome fail(long jobId, String workerId, String message, boolean retryable, Instant at) {
        OffsetDateTime now = micros(at);
        Condition running = AUTOPILOT_JOBS.STATUS.eq(RUNNING);
        Condition requeue = retryable ? running.and(AUTOPILOT_JOBS.ATTEMPTS.lt(AUTOPILOT_JOBS.MAX_ATTEMPTS)) : DSL.falseCondition();
        String after = session.dsl().update(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.STATUS, DSL.when(requeue, DSL.inline(QUEUED)).when(running, DSL.inline(FAILED))
                        .otherwise(AUTOPILOT_JOBS.STATUS))
                .set(AUTOPILOT_JOBS.WORKER_ID, DSL.when(requeue, DSL.inline((String) null)).otherwise(AUTOPILOT_JOBS.WORKER_ID))
                .set(AUTOPILOT_JOBS.STARTED_AT, DSL.when(requeue, DSL.inline((OffsetDateTime) null)).otherwise(AUTOPILOT_JOBS.STARTED_AT))
                .set(AUTOPILOT_JOBS.FINISHED_AT, DSL.when(requeue, DSL.inline((OffsetDateTime) null))
                        .when(running, DSL.val(now)).otherwise(AUTOPILOT_JOBS.FINISHED_AT))
                .set(AUTOPILOT_JOBS.ERROR_MESSAGE, message)
                .set(AUTOPILOT_JOBS.UPDATED_AT, now)
                .where(AUTOPILOT_JOBS.ID.eq(jobId), AUTOPILOT_JOBS.WORKER_ID.eq(workerId),
                        AUTOPILOT_JOBS.STATUS.in(RUNNING, CANCELED))
                .returning(AUTOPILOT_JOBS.STATUS)
                .fetchOptional(AUTOPILOT_JOBS.STATUS)
                .orElse(null);
        return outcome(after);
    }

    @Override
    public Outcome release(long jobId, String workerId, Instant at) {
        int released = session.dsl().update(AUTOPILOT_JOBS)
                .set(AUTOPILOT_JOBS.STATUS, QUEUED)
                .set(AUTOPILOT_JOBS.WORKER_ID, (String) null)
                .set(AUTOPILOT_JOBS.STARTED_AT, (OffsetDateTime) null)
                .set(AUTOPILOT_JOBS.ATTEMPTS, DSL.greatest(DSL.inline(0), AUTOPILOT_JOBS.ATTEMPTS.minus(1)))
                .set(AUTOPILOT_JOBS.UPDATED_AT, micros(at))
                .where(AUTOPILOT_JOBS.ID.eq(jobId), AUTOPILOT_JOBS.WORKER_ID.eq(workerId), AUTOPILOT_JOBS.STATUS.eq(RUNNING))
                .execute();
        return released == 1 ? Outcome.UPDATED : Outcome.NOT_OWNED;
    }

    @Override
    public JobFigures figures() {
        long[] counts = new long[JobStatus.values().length];
        for (Record2<String, Integer> row : session.dsl()
                .select(AUTOPILOT_JOBS.STATUS, DSL.count())
                .from(AUTOPILOT_JOBS)
                .groupBy(AUTOPILOT_JOBS.STATUS)
                .fetch()) {
            counts[enumColumn(JobStatus.class, row.value1()).ordinal()] = row.value2();
        }
        Optional<Instant> oldest = Optional.ofNullable(session.dsl()
                .select(DSL.min(AUTOPILOT_JOBS.CREATED_AT))
                .from(AUTOPILOT_JOBS)
                .where(AUTOPILOT_JOBS.STATUS.eq(QUEUED))
                .fetchOne(0, OffsetDateTime.class)).map(t -> instant(t));
        return new JobFigures(counts[JobStatus.QUEUED.ordinal()], counts[JobStatus.RUNNING.ordinal()],
                counts[JobStatus.COMPLETED.ordinal()], counts[JobStatus.FAILED.ordinal()],
                counts[JobStatus.CANCELED.ordinal()], oldest);
    }

    /** The status a final mark's {@code RETURNING} gave: canceled means kept, no row means not owned. */
    private static Outcome outcome(String statusAfter) {
        if (statusAfter == null) {
            return Outcome.NOT_OWNED;
        }
        return statusAfter.equals(CANCELED) ? Outcome.KEPT_CANCELED : Outcome.UPDATED;
    }

    private static AutopilotJob toJob(AutopilotJobsRecord row) {
        return new AutopilotJob(row.getId(), row.getProjectId(), enumColumn(JobStatus.class, row.getStatus()),
                row.getMaxItems(), Optional.ofNullable(row.getProvider()), row.getRequestedBy(), row.getAttempts(),
                row.getMaxAttempts(), Optional.ofNullable(row.getWorkerId()),
                Optional.ofNullable(row.getStartedAt()).map(t -> instant(t)),
                Optional.ofNullable(row.getFinishedAt()).map(t -> instant(t)),
                Optional.ofNullable(row.getCanceledAt()).map(t -> instant(t)),
                row.getProcessedItems(), row.getCreatedPrs(), row.getMergedPrs(), row.getMergedPrIdsJson(),
                row.getErrorMessage(), instant(row.getCreatedAt()), instant(row.getUpdatedAt()));
    }
}
