package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.jobs.AutopilotJob;
import dev.agenthub.orchestration.jobs.JobCounters;
import dev.agenthub.orchestration.jobs.JobFigures;
import dev.agenthub.orchestration.jobs.JobStatus;
import dev.agenthub.orchestration.jobs.NewJob;
import dev.agenthub.orchestration.jobs.port.JobStore;
import dev.agenthub.orchestration.jobs.port.JobStore.Outcome;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link JobStore} contract (wire spec agenthub §8, §14 D2). The queue is global, so every check starts by
 * draining what earlier checks left queued or running; the checks of one class must run one at a time on their
 * database. {@link #secondStore()} reaches the same database through another connection pool, as a second hub
 * instance would.
 */
public abstract class JobStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final PageSlice ALL = new PageSlice(500, 0);
    private static final NewJob DEFAULT = new NewJob(3, Optional.empty(), "system", 1);

    protected abstract JobStore store();

    /** The same database through another pool (another instance). */
    protected abstract JobStore secondStore();

    protected abstract AutopilotSeeds seeds();

    @BeforeEach
    void drainTheQueue() {
        Optional<AutopilotJob> left;
        while ((left = store().claimNext("drain", T0)).isPresent()) {
            store().complete(left.get().id(), "drain", JobCounters.NONE, T0);
        }
        // running leftovers of earlier checks: recover (they started long before now) and drain again
        store().recoverStale(T0.plus(Duration.ofDays(3650)), "drained", T0);
        while ((left = store().claimNext("drain", T0)).isPresent()) {
            store().complete(left.get().id(), "drain", JobCounters.NONE, T0);
        }
    }

    @Test
    void anEnqueuedJobIsQueuedWithNothingDone() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, new NewJob(7, Optional.of("openai"), "github:octo", 3), T0);
        assertThat(job.projectId()).isEqualTo(project);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.maxItems()).isEqualTo(7);
        assertThat(job.provider()).contains("openai");
        assertThat(job.requestedBy()).isEqualTo("github:octo");
        assertThat(job.attempts()).isZero();
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(job.workerId()).isEmpty();
        assertThat(job.startedAt()).isEmpty();
        assertThat(job.finishedAt()).isEmpty();
        assertThat(job.canceledAt()).isEmpty();
        assertThat(List.of(job.processedItems(), job.createdPrs(), job.mergedPrs())).containsOnly(0);
        assertThat(job.mergedPrIdsJson()).isEqualTo("[]");
        assertThat(job.errorMessage()).isEmpty();
        assertThat(job.createdAt()).isEqualTo(T0);
        assertThat(job.updatedAt()).isEqualTo(T0);
        assertThat(store().find(job.id())).contains(job);
        assertThat(store().find(project, job.id())).contains(job);
        assertThat(store().find(seeds().newProject(), job.id())).isEmpty();
        assertThat(store().insert(project, DEFAULT, T0).provider()).isEmpty();
    }

    @Test
    void listsNewestFirstFiltersByStatusPagesAndKeepsToTheProject() {
        long project = seeds().newProject();
        AutopilotJob old = store().insert(project, DEFAULT, T0);
        AutopilotJob tiedA = store().insert(project, DEFAULT, T0.plusSeconds(5));
        AutopilotJob tiedB = store().insert(project, DEFAULT, T0.plusSeconds(5));
        store().insert(seeds().newProject(), DEFAULT, T0.plusSeconds(9));
        AutopilotJob canceled = store().cancel(project, old.id(), T0.plusSeconds(6)).orElseThrow();
        assertThat(store().list(project, Optional.empty(), ALL)).containsExactly(tiedB, tiedA, canceled);
        assertThat(store().list(project, Optional.of(JobStatus.CANCELED), ALL)).containsExactly(canceled);
        assertThat(store().list(project, Optional.of(JobStatus.QUEUED), ALL)).containsExactly(tiedB, tiedA);
        assertThat(store().list(project, Optional.of(JobStatus.RUNNING), ALL)).isEmpty();
        assertThat(store().list(project, Optional.empty(), new PageSlice(1, 1))).containsExactly(tiedA);
    }

    @Test
    void claimsTheOldestQueuedJobAndMarksItRunning() {
        long project = seeds().newProject();
        AutopilotJob later = store().insert(project, DEFAULT, T0.plusSeconds(10));
        AutopilotJob first = store().insert(project, DEFAULT, T0);
        AutopilotJob second = store().insert(project, DEFAULT, T0);
        AutopilotJob claimed = store().claimNext("worker-a", T0.plusSeconds(20)).orElseThrow();
        assertThat(claimed.id()).isEqualTo(first.id());
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.workerId()).contains("worker-a");
        assertThat(claimed.startedAt()).contains(T0.plusSeconds(20));
        assertThat(store().claimNext("worker-b", T0.plusSeconds(21)).orElseThrow().id()).isEqualTo(second.id());
        assertThat(store().claimNext("worker-a", T0.plusSeconds(22)).orElseThrow().id()).isEqualTo(later.id());
        assertThat(store().claimNext("worker-a", T0.plusSeconds(23))).isEmpty();
    }

    @Test
    void aClaimClearsTheMessageOfAnEarlierAttempt() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, new NewJob(3, Optional.empty(), "system", 2), T0);
        store().claimNext("w", T0);
        assertThat(store().fail(job.id(), "w", "boom", true, T0.plusSeconds(1))).isEqualTo(Outcome.UPDATED);
        AutopilotJob requeued = store().find(job.id()).orElseThrow();
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.errorMessage()).isEqualTo("boom");
        assertThat(requeued.workerId()).isEmpty();
        assertThat(requeued.startedAt()).isEmpty();
        AutopilotJob again = store().claimNext("w2", T0.plusSeconds(2)).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.errorMessage()).isEmpty();
        // no attempts left: a retryable failure now fails the job
        assertThat(store().fail(job.id(), "w2", "boom again", true, T0.plusSeconds(3))).isEqualTo(Outcome.UPDATED);
        AutopilotJob failed = store().find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.finishedAt()).contains(T0.plusSeconds(3));
        assertThat(failed.errorMessage()).isEqualTo("boom again");
    }

    @Test
    void aNonRetryableFailureFailsAtOnce() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, new NewJob(3, Optional.empty(), "system", 5), T0);
        store().claimNext("w", T0);
        store().fail(job.id(), "w", "Project 9 not found", false, T0.plusSeconds(1));
        AutopilotJob failed = store().find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.workerId()).contains("w");
    }

    @Test
    void completionRecordsTheCountersOnlyForTheOwningWorker() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, DEFAULT, T0);
        store().claimNext("owner", T0);
        JobCounters counters = new JobCounters(2, List.of(31L, 32L));
        assertThat(store().complete(job.id(), "someone-else", counters, T0.plusSeconds(1))).isEqualTo(Outcome.NOT_OWNED);
        assertThat(store().find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store().complete(job.id(), "owner", counters, T0.plusSeconds(2))).isEqualTo(Outcome.UPDATED);
        AutopilotJob done = store().find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.processedItems()).isEqualTo(2);
        assertThat(done.createdPrs()).isEqualTo(2);
        assertThat(done.mergedPrs()).isEqualTo(2);
        assertThat(done.mergedPrIdsJson()).isEqualTo("[31, 32]");
        assertThat(done.finishedAt()).contains(T0.plusSeconds(2));
        assertThat(store().complete(job.id(), "owner", counters, T0.plusSeconds(3))).isEqualTo(Outcome.NOT_OWNED);
        assertThat(store().fail(job.id(), "owner", "late", true, T0.plusSeconds(3))).isEqualTo(Outcome.NOT_OWNED);
        assertThat(store().find(job.id())).contains(done);
    }

    @Test
    void aCanceledJobIsNeverCompletedOrFailedButKeepsItsCounters() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, DEFAULT, T0);
        store().claimNext("owner", T0);
        AutopilotJob canceled = store().cancel(project, job.id(), T0.plusSeconds(5)).orElseThrow();
        assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(canceled.canceledAt()).contains(T0.plusSeconds(5));
        assertThat(canceled.finishedAt()).contains(T0.plusSeconds(5));
        assertThat(store().complete(job.id(), "owner", new JobCounters(1, List.of(7L)), T0.plusSeconds(9)))
                .isEqualTo(Outcome.KEPT_CANCELED);
        AutopilotJob after = store().find(job.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(after.finishedAt()).contains(T0.plusSeconds(5));
        assertThat(after.createdPrs()).isEqualTo(1);
        assertThat(after.mergedPrIdsJson()).isEqualTo("[7]");
        assertThat(store().fail(job.id(), "owner", "later error", true, T0.plusSeconds(10))).isEqualTo(Outcome.KEPT_CANCELED);
        assertThat(store().find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELED);
        assertThat(store().release(job.id(), "owner", T0.plusSeconds(11))).isEqualTo(Outcome.NOT_OWNED);
        assertThat(store().find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void cancelLeavesTerminalJobsAndOtherProjectsAlone() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, DEFAULT, T0);
        store().claimNext("w", T0);
        store().complete(job.id(), "w", JobCounters.NONE, T0.plusSeconds(1));
        AutopilotJob completed = store().find(job.id()).orElseThrow();
        assertThat(store().cancel(project, job.id(), T0.plusSeconds(2))).contains(completed);
        assertThat(store().cancel(seeds().newProject(), job.id(), T0.plusSeconds(2))).isEmpty();
        assertThat(store().cancel(project, job.id() + 1_000_000, T0.plusSeconds(2))).isEmpty();
        AutopilotJob queued = store().insert(project, DEFAULT, T0);
        assertThat(store().cancel(project, queued.id(), T0.plusSeconds(3)).orElseThrow().status())
                .isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void retryRequeuesOnlyFailedOrCanceledJobsFromScratch() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, new NewJob(3, Optional.empty(), "system", 1), T0);
        assertThat(store().retry(project, job.id(), T0)).isEmpty();
        store().claimNext("w", T0);
        assertThat(store().retry(project, job.id(), T0)).isEmpty();
        store().cancel(project, job.id(), T0.plusSeconds(1));
        store().complete(job.id(), "w", new JobCounters(1, List.of(5L)), T0.plusSeconds(2));
        assertThat(store().retry(seeds().newProject(), job.id(), T0.plusSeconds(3))).isEmpty();
        AutopilotJob retried = store().retry(project, job.id(), T0.plusSeconds(3)).orElseThrow();
        assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(retried.attempts()).isZero();
        assertThat(retried.workerId()).isEmpty();
        assertThat(retried.startedAt()).isEmpty();
        assertThat(retried.finishedAt()).isEmpty();
        assertThat(retried.canceledAt()).isEmpty();
        assertThat(List.of(retried.processedItems(), retried.createdPrs(), retried.mergedPrs())).containsOnly(0);
        assertThat(retried.mergedPrIdsJson()).isEqualTo("[]");
        assertThat(retried.errorMessage()).isEmpty();
        assertThat(retried.updatedAt()).isEqualTo(T0.plusSeconds(3));
        // and a failed one
        store().claimNext("w", T0.plusSeconds(4));
        store().fail(job.id(), "w", "x", false, T0.plusSeconds(5));
        assertThat(store().retry(project, job.id(), T0.plusSeconds(6)).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void staleRunningJobsAreRequeuedWhileAttemptsRemainAndFailedAfter() {
        long project = seeds().newProject();
        AutopilotJob retriable = store().insert(project, new NewJob(3, Optional.empty(), "system", 2), T0);
        AutopilotJob lastTry = store().insert(project, new NewJob(3, Optional.empty(), "system", 1), T0.plusSeconds(1));
        AutopilotJob fresh = store().insert(project, new NewJob(3, Optional.empty(), "system", 1), T0.plusSeconds(2));
        store().claimNext("w", T0);
        store().claimNext("w", T0.plusSeconds(1));
        store().claimNext("w", T0.plusSeconds(100));
        String message = "Recovered stale running job after exceeding timeout (60s)";
        assertThat(store().recoverStale(T0.plusSeconds(40), message, T0.plusSeconds(100))).isEqualTo(2);
        AutopilotJob requeued = store().find(retriable.id()).orElseThrow();
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.workerId()).isEmpty();
        assertThat(requeued.startedAt()).isEmpty();
        assertThat(requeued.errorMessage()).isEqualTo(message);
        AutopilotJob failed = store().find(lastTry.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.finishedAt()).contains(T0.plusSeconds(100));
        assertThat(failed.errorMessage()).isEqualTo(message);
        assertThat(store().find(fresh.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store().recoverStale(T0.plusSeconds(40), message, T0.plusSeconds(101))).isZero();
        // the worker that lost its job to the recovery cannot mark it any more
        assertThat(store().complete(retriable.id(), "w", JobCounters.NONE, T0.plusSeconds(102))).isEqualTo(Outcome.NOT_OWNED);
    }

    @Test
    void releaseReturnsTheJobAndGivesTheAttemptBack() {
        long project = seeds().newProject();
        AutopilotJob job = store().insert(project, DEFAULT, T0);
        store().claimNext("w", T0);
        assertThat(store().release(job.id(), "other", T0.plusSeconds(1))).isEqualTo(Outcome.NOT_OWNED);
        assertThat(store().release(job.id(), "w", T0.plusSeconds(1))).isEqualTo(Outcome.UPDATED);
        AutopilotJob released = store().find(job.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.attempts()).isZero();
        assertThat(released.workerId()).isEmpty();
        assertThat(released.startedAt()).isEmpty();
    }

    @Test
    void figuresCountEveryStatusAndTheOldestQueuedJob() {
        long project = seeds().newProject();
        JobFigures before = store().figures();
        store().insert(project, DEFAULT, T0.plusSeconds(30));
        store().insert(project, DEFAULT, T0.plusSeconds(40));
        AutopilotJob running = store().insert(project, DEFAULT, T0);
        store().claimNext("w", T0.plusSeconds(50));
        AutopilotJob toFail = store().insert(project, DEFAULT, T0.plusSeconds(1));
        store().claimNext("w", T0.plusSeconds(51));
        store().fail(toFail.id(), "w", "x", false, T0.plusSeconds(52));
        JobFigures after = store().figures();
        assertThat(after.queued() - before.queued()).isEqualTo(2);
        assertThat(after.running() - before.running()).isEqualTo(1);
        assertThat(after.failed() - before.failed()).isEqualTo(1);
        assertThat(after.oldestQueuedCreatedAt()).contains(T0.plusSeconds(30));
        assertThat(after.oldestQueuedAgeSeconds(T0.plusSeconds(31).plusMillis(500))).isEqualTo(1.5);
        assertThat(store().find(running.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void concurrentClaimersOnTwoInstancesGetDistinctJobsAndEveryJobOnce() throws Exception {
        long project = seeds().newProject();
        int jobs = 60;
        Set<Long> queued = new HashSet<>();
        for (int i = 0; i < jobs; i++) {
            queued.add(store().insert(project, DEFAULT, T0.plusMillis(i)).id());
        }
        int claimers = 8;
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ConcurrentRuns.run(claimers, c -> {
            JobStore store = c % 2 == 0 ? store() : secondStore();
            String worker = "racer-" + c;
            Optional<AutopilotJob> job;
            while ((job = store.claimNext(worker, T0.plusSeconds(60))).isPresent()) {
                claimed.add(job.get().id());
                assertThat(store.complete(job.get().id(), worker, JobCounters.NONE, T0.plusSeconds(61)))
                        .isEqualTo(Outcome.UPDATED);
            }
        });
        assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(queued);
        assertThat(store().list(project, Optional.of(JobStatus.COMPLETED), ALL)).hasSize(jobs)
                .allSatisfy(job -> assertThat(job.attempts()).isEqualTo(1));
    }

    @Test
    void aCancelRacingTheCompletionEndsEitherCanceledOrCompletedNeverBoth() throws Exception {
        long project = seeds().newProject();
        for (int round = 0; round < 20; round++) {
            AutopilotJob job = store().insert(project, DEFAULT, T0);
            store().claimNext("owner", T0);
            AtomicReference<Outcome> outcome = new AtomicReference<>();
            ConcurrentRuns.run(2, t -> {
                if (t == 0) {
                    secondStore().cancel(project, job.id(), T0.plusSeconds(1));
                } else {
                    outcome.set(store().complete(job.id(), "owner", new JobCounters(1, List.of(1L)), T0.plusSeconds(2)));
                }
            });
            AutopilotJob after = store().find(job.id()).orElseThrow();
            assertThat(after.createdPrs()).isEqualTo(1);
            if (after.status() == JobStatus.CANCELED) {
                assertThat(outcome.get()).isEqualTo(Outcome.KEPT_CANCELED);
                assertThat(after.finishedAt()).contains(T0.plusSeconds(1));
            } else {
                assertThat(after.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(outcome.get()).isEqualTo(Outcome.UPDATED);
                assertThat(after.canceledAt()).isEmpty();
                assertThat(after.finishedAt()).contains(T0.plusSeconds(2));
            }
        }
    }
}
