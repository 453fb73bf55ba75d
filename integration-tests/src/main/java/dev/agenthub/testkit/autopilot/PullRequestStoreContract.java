package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link PullRequestStore} contract (wire spec agenthub §13, §14 D1, D3). Extend it with the store under test,
 * the transaction runner it joins, a second instance on the same database with its own connections, and the seeds.
 * Every check is scoped to fresh projects.
 */
public abstract class PullRequestStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    private static final PageSlice ALL = new PageSlice(500, 0);

    /** A store and the runner whose transactions it joins. */
    public record Instance(PullRequestStore store, TransactionRunner transactions) {
    }

    protected abstract Instance instance();

    protected abstract Instance secondInstance();

    protected abstract AutopilotSeeds seeds();

    private PullRequestStore store() {
        return instance().store();
    }

    private static NewPullRequest pr(long item, long agent, String title) {
        return new NewPullRequest(item, title, "Autonomous agent delivery.\n\n- branch: agent/" + item + "-x",
                "agent/" + item + "-x", "main", true, true, agent);
    }

    @Nested
    class Opening {

        @Test
        void aPullRequestIsOpenedAsGiven() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            long item = seeds().newWorkItem(project);
            NewPullRequest wanted = new NewPullRequest(item, "[agent] Scope: x", "desc", "agent/1-scope-x", "trunk",
                    false, false, agent);
            PullRequest opened = store().open(project, wanted, T0).orElseThrow();
            assertThat(opened.projectId()).isEqualTo(project);
            assertThat(opened.workItemId()).contains(item);
            assertThat(opened.title()).isEqualTo("[agent] Scope: x");
            assertThat(opened.description()).isEqualTo("desc");
            assertThat(opened.sourceBranch()).isEqualTo("agent/1-scope-x");
            assertThat(opened.targetBranch()).isEqualTo("trunk");
            assertThat(opened.status()).isEqualTo(PullRequestStatus.OPEN);
            assertThat(opened.checksPassed()).isFalse();
            assertThat(opened.autoMerge()).isFalse();
            assertThat(opened.createdByAgentId()).contains(agent);
            assertThat(opened.createdAt()).isEqualTo(T0);
            assertThat(opened.mergedAt()).isEmpty();
            assertThat(store().find(project, opened.id())).contains(opened);
        }

        @Test
        void aSecondOpenPullRequestForTheItemIsRefusedInsideTheCallersTransaction() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            long item = seeds().newWorkItem(project);
            PullRequest first = store().open(project, pr(item, agent, "first"), T0).orElseThrow();
            Optional<PullRequest> again = instance().transactions().inTransaction(() -> {
                Optional<PullRequest> refused = store().open(project, pr(item, agent, "second"), T0);
                // the caller's transaction survived the refusal and can go on
                long otherItem = seeds().newWorkItem(project);
                store().open(project, pr(otherItem, agent, "other item"), T0).orElseThrow();
                return refused;
            });
            assertThat(again).isEmpty();
            assertThat(store().list(project, Optional.empty(), ALL)).extracting(PullRequest::title)
                    .containsExactlyInAnyOrder("first", "other item");
            assertThat(store().find(project, first.id())).contains(first);
        }

        @Test
        void aMergedOrClosedPullRequestDoesNotBlockANewOne() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            long item = seeds().newWorkItem(project);
            PullRequest first = store().open(project, pr(item, agent, "first"), T0).orElseThrow();
            assertThat(store().close(first.id())).isTrue();
            PullRequest second = store().open(project, pr(item, agent, "second"), T0).orElseThrow();
            assertThat(store().markMerged(second.id(), "d\n- merged_sha: abc", T0.plusSeconds(1))).isTrue();
            assertThat(store().open(project, pr(item, agent, "third"), T0)).isPresent();
        }

        @Test
        void concurrentOpenersForOneItemOpenExactlyOne() throws Exception {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            long item = seeds().newWorkItem(project);
            AtomicInteger refused = new AtomicInteger();
            ConcurrentLinkedQueue<PullRequest> opened = new ConcurrentLinkedQueue<>();
            Instance second = secondInstance();
            ConcurrentRuns.run(8, thread -> {
                Instance on = thread % 2 == 0 ? instance() : second;
                on.transactions().inTransaction(() -> on.store().open(project, pr(item, agent, "t" + thread), T0))
                        .ifPresentOrElse(opened::add, refused::incrementAndGet);
            });
            assertThat(opened).hasSize(1);
            assertThat(refused).hasValue(7);
            assertThat(store().list(project, Optional.empty(), ALL)).containsExactly(opened.peek());
        }
    }

    @Nested
    class Reading {

        @Test
        void anUnknownPullRequestOrOneOfAnotherProjectIsAbsent() {
            long project = seeds().newProject();
            long other = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            PullRequest opened = store().open(project, pr(seeds().newWorkItem(project), agent, "x"), T0).orElseThrow();
            assertThat(store().find(other, opened.id())).isEmpty();
            assertThat(store().find(project, opened.id() + 1_000_000)).isEmpty();
            assertThat(store().lock(other, opened.id())).isEmpty();
            assertThat(instance().transactions().inTransaction(() -> store().lock(project, opened.id())))
                    .contains(opened);
        }

        @Test
        void listsNewestFirstThenByIdDescendingWithStatusFilterAndPaging() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            PullRequest old = store().open(project, pr(seeds().newWorkItem(project), agent, "old"), T0).orElseThrow();
            PullRequest a = store().open(project, pr(seeds().newWorkItem(project), agent, "a"), T0.plusSeconds(5))
                    .orElseThrow();
            PullRequest b = store().open(project, pr(seeds().newWorkItem(project), agent, "b"), T0.plusSeconds(5))
                    .orElseThrow();
            long other = seeds().newProject();
            store().open(other, pr(seeds().newWorkItem(other), seeds().newAgent(other, 2), "theirs"), T0);
            store().close(a.id());
            assertThat(store().list(project, Optional.empty(), ALL)).extracting(PullRequest::title)
                    .containsExactly("b", "a", "old");
            assertThat(store().list(project, Optional.of(PullRequestStatus.OPEN), ALL)).containsExactly(b, old);
            assertThat(store().list(project, Optional.of(PullRequestStatus.CLOSED), ALL)).extracting(PullRequest::id)
                    .containsExactly(a.id());
            assertThat(store().list(project, Optional.of(PullRequestStatus.MERGED), ALL)).isEmpty();
            assertThat(store().list(project, Optional.empty(), new PageSlice(1, 1))).extracting(PullRequest::title)
                    .containsExactly("a");
            assertThat(store().list(project, Optional.empty(), new PageSlice(5, 3))).isEmpty();
        }
    }

    @Nested
    class Finishing {

        @Test
        void mergingAnOpenPullRequestSetsStatusDescriptionAndMergedAt() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            PullRequest opened = store().open(project, pr(seeds().newWorkItem(project), agent, "x"), T0).orElseThrow();
            String description = opened.description() + "\n- merged_sha: 0123abc";
            assertThat(store().markMerged(opened.id(), description, T0.plusSeconds(3))).isTrue();
            PullRequest merged = store().find(project, opened.id()).orElseThrow();
            assertThat(merged.status()).isEqualTo(PullRequestStatus.MERGED);
            assertThat(merged.description()).isEqualTo(description);
            assertThat(merged.mergedAt()).contains(T0.plusSeconds(3));
            assertThat(store().markMerged(opened.id(), "again", T0.plusSeconds(4))).isFalse();
            assertThat(store().close(opened.id())).isFalse();
            assertThat(store().find(project, opened.id())).contains(merged);
        }

        @Test
        void closingAnOpenPullRequestOnlyOnce() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            PullRequest opened = store().open(project, pr(seeds().newWorkItem(project), agent, "x"), T0).orElseThrow();
            assertThat(store().close(opened.id())).isTrue();
            PullRequest closed = store().find(project, opened.id()).orElseThrow();
            assertThat(closed.status()).isEqualTo(PullRequestStatus.CLOSED);
            assertThat(closed.mergedAt()).isEmpty();
            assertThat(store().close(opened.id())).isFalse();
            assertThat(store().markMerged(opened.id(), "d", T0)).isFalse();
            assertThat(store().find(project, opened.id())).contains(closed);
        }

        @Test
        void countsPerStatusLeavingOutStatusesWithNone() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            assertThat(store().countByStatus(project)).isEmpty();
            PullRequest a = store().open(project, pr(seeds().newWorkItem(project), agent, "a"), T0).orElseThrow();
            PullRequest b = store().open(project, pr(seeds().newWorkItem(project), agent, "b"), T0).orElseThrow();
            store().open(project, pr(seeds().newWorkItem(project), agent, "c"), T0);
            store().markMerged(a.id(), "d", T0);
            store().markMerged(b.id(), "d", T0);
            assertThat(store().countByStatus(project))
                    .isEqualTo(Map.of(PullRequestStatus.MERGED, 2, PullRequestStatus.OPEN, 1));
        }
    }
}
