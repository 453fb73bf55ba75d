package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.workitems.AgentLoad;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link WorkItemStore} contract (wire spec agenthub §13, §14 D1, D7). Extend it with the store under test, the
 * transaction runner it joins, a second instance on the same database that shares nothing else with it (a second
 * server process), and the seeds. Every check is scoped to fresh projects.
 */
public abstract class WorkItemStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** A store and the runner whose transactions it joins. */
    public record Instance(WorkItemStore store, TransactionRunner transactions) {
    }

    /** The store under test. */
    protected abstract Instance instance();

    /** A store of the same kind on the same database with its own connections, as another server would have. */
    protected abstract Instance secondInstance();

    protected abstract AutopilotSeeds seeds();

    private WorkItemStore store() {
        return instance().store();
    }

    private static NewWorkItem item(String title, int priority) {
        return new NewWorkItem(title, "Objective fragment: " + title + "\nDeliver.", priority, "system",
                "the whole objective");
    }

    private static final PageSlice ALL = new PageSlice(500, 0);

    @Nested
    class Inserting {

        @Test
        void itemsAreStoredInOrderWithIncreasingIdsInBacklogAndUnassigned() {
            long project = seeds().newProject();
            List<WorkItem> stored = store().insertAll(project,
                    List.of(item("Scope: one", 1), item("Implement: two", 2)), T0);
            assertThat(stored).extracting(WorkItem::title).containsExactly("Scope: one", "Implement: two");
            assertThat(stored.get(0).id()).isLessThan(stored.get(1).id());
            WorkItem first = stored.get(0);
            assertThat(first.projectId()).isEqualTo(project);
            assertThat(first.description()).isEqualTo("Objective fragment: Scope: one\nDeliver.");
            assertThat(first.status()).isEqualTo(WorkItemStatus.BACKLOG);
            assertThat(first.priority()).isEqualTo(1);
            assertThat(first.assignedAgentId()).isEmpty();
            assertThat(first.sourceObjective()).isEqualTo("the whole objective");
            assertThat(first.createdBy()).isEqualTo("system");
            assertThat(first.createdAt()).isEqualTo(T0);
            assertThat(first.updatedAt()).isEqualTo(T0);
            assertThat(first.completedAt()).isEmpty();
            assertThat(first.claimedBy()).isEmpty();
            assertThat(first.leaseExpiresAt()).isEmpty();
            assertThat(store().find(project, first.id())).contains(first);
        }

        @Test
        void nothingToInsertGivesNothing() {
            long project = seeds().newProject();
            assertThat(store().insertAll(project, List.of(), T0)).isEmpty();
            assertThat(store().list(project, Optional.empty(), ALL)).isEmpty();
        }

        @Test
        void anInsertInsideARolledBackTransactionLeavesNothing() {
            long project = seeds().newProject();
            assertThatThrownBy(() -> instance().transactions().inTransaction(() -> {
                store().insertAll(project, List.of(item("gone", 1)), T0);
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(store().list(project, Optional.empty(), ALL)).isEmpty();
        }
    }

    @Nested
    class Finding {

        @Test
        void anUnknownItemOrOneOfAnotherProjectIsAbsent() {
            long project = seeds().newProject();
            long other = seeds().newProject();
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            assertThat(store().find(other, stored.id())).isEmpty();
            assertThat(store().find(project, stored.id() + 1_000_000)).isEmpty();
        }
    }

    @Nested
    class Listing {

        @Test
        void listsByPriorityThenCreationThenId() {
            long project = seeds().newProject();
            WorkItem late = store().insertAll(project, List.of(item("late p1", 1)), T0.plusSeconds(10)).getFirst();
            List<WorkItem> early = store().insertAll(project,
                    List.of(item("early p2", 2), item("early p1 a", 1), item("early p1 b", 1)), T0);
            assertThat(store().list(project, Optional.empty(), ALL)).extracting(WorkItem::title)
                    .containsExactly("early p1 a", "early p1 b", "late p1", "early p2");
            assertThat(late.id()).isLessThan(early.getFirst().id());
        }

        @Test
        void filtersByStatusAndPages() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 5);
            List<WorkItem> items = store().insertAll(project,
                    List.of(item("a", 1), item("b", 2), item("c", 3), item("d", 4)), T0);
            store().claim(project, items.get(1).id(), agent, "job:1", T0.plusSeconds(60), T0);
            assertThat(store().list(project, Optional.of(WorkItemStatus.BACKLOG), ALL)).extracting(WorkItem::title)
                    .containsExactly("a", "c", "d");
            assertThat(store().list(project, Optional.of(WorkItemStatus.IN_PROGRESS), ALL))
                    .extracting(WorkItem::title).containsExactly("b");
            assertThat(store().list(project, Optional.of(WorkItemStatus.DONE), ALL)).isEmpty();
            assertThat(store().list(project, Optional.empty(), new PageSlice(2, 1))).extracting(WorkItem::title)
                    .containsExactly("b", "c");
            assertThat(store().list(project, Optional.of(WorkItemStatus.BACKLOG), new PageSlice(1, 2)))
                    .extracting(WorkItem::title).containsExactly("d");
            assertThat(store().list(project, Optional.empty(), new PageSlice(5, 4))).isEmpty();
        }

        @Test
        void listsOnlyTheProjectsItems() {
            long project = seeds().newProject();
            long other = seeds().newProject();
            store().insertAll(other, List.of(item("theirs", 1)), T0);
            store().insertAll(project, List.of(item("ours", 1)), T0);
            assertThat(store().list(project, Optional.empty(), ALL)).extracting(WorkItem::title).containsExactly("ours");
        }

        @Test
        void theBacklogIsTheSelectionOrderCappedAtTheLimit() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 5);
            List<WorkItem> items = store().insertAll(project,
                    List.of(item("p3", 3), item("p1", 1), item("p2", 2), item("p1 claimed", 1)), T0);
            store().claim(project, items.get(3).id(), agent, "job:1", T0.plusSeconds(60), T0);
            assertThat(store().backlog(project, 2)).extracting(WorkItem::title).containsExactly("p1", "p2");
            assertThat(store().backlog(project, 10)).extracting(WorkItem::title).containsExactly("p1", "p2", "p3");
        }

        @Test
        void aCappedBacklogLeavesOutItemsWhoseAttemptsReachedTheCap() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 5);
            List<WorkItem> items = store().insertAll(project, List.of(item("twice", 1), item("once", 2),
                    item("never", 3)), T0);
            for (int i = 0; i < 2; i++) {
                store().claim(project, items.get(0).id(), agent, "job:a" + i, T0.plusSeconds(60), T0);
                store().finishClaim(items.get(0).id(), "job:a" + i, WorkItemStatus.BACKLOG, T0);
            }
            store().claim(project, items.get(1).id(), agent, "job:b", T0.plusSeconds(60), T0);
            store().finishClaim(items.get(1).id(), "job:b", WorkItemStatus.BACKLOG, T0);
            assertThat(store().find(project, items.get(0).id()).orElseThrow().attempts()).isEqualTo(2);
            assertThat(store().backlog(project, 10, 0)).extracting(WorkItem::title)
                    .containsExactly("twice", "once", "never");
            assertThat(store().backlog(project, 10)).extracting(WorkItem::title)
                    .containsExactly("twice", "once", "never");
            assertThat(store().backlog(project, 10, 3)).extracting(WorkItem::title)
                    .containsExactly("twice", "once", "never");
            assertThat(store().backlog(project, 10, 2)).extracting(WorkItem::title).containsExactly("once", "never");
            assertThat(store().backlog(project, 10, 1)).extracting(WorkItem::title).containsExactly("never");
            store().assign(project, items.get(0).id(), agent, T0);
            assertThat(store().find(project, items.get(0).id()).orElseThrow().attempts()).isEqualTo(2);
        }
    }

    @Nested
    class Assigning {

        @Test
        void setsTheAgentAndLeavesStatusAndClaimAlone() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            WorkItem assigned = store().assign(project, stored.id(), agent, T0.plusSeconds(5)).orElseThrow();
            assertThat(assigned.assignedAgentId()).contains(agent);
            assertThat(assigned.status()).isEqualTo(WorkItemStatus.BACKLOG);
            assertThat(assigned.claimedBy()).isEmpty();
            assertThat(assigned.updatedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(assigned.createdAt()).isEqualTo(T0);
            assertThat(store().find(project, stored.id())).contains(assigned);
        }

        @Test
        void anItemOfAnotherProjectIsNotAssigned() {
            long project = seeds().newProject();
            long other = seeds().newProject();
            long agent = seeds().newAgent(other, 2);
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            assertThat(store().assign(other, stored.id(), agent, T0)).isEmpty();
            assertThat(store().find(project, stored.id()).orElseThrow().assignedAgentId()).isEmpty();
        }
    }

    @Nested
    class Claiming {

        @Test
        void aBacklogItemIsClaimedOnce() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            Instant lease = T0.plusSeconds(900);
            WorkItem claimed = store().claim(project, stored.id(), agent, "job:7", lease, T0.plusSeconds(1))
                    .orElseThrow();
            assertThat(claimed.status()).isEqualTo(WorkItemStatus.IN_PROGRESS);
            assertThat(claimed.assignedAgentId()).contains(agent);
            assertThat(claimed.claimedBy()).contains("job:7");
            assertThat(claimed.leaseExpiresAt()).contains(lease);
            assertThat(claimed.updatedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(stored.attempts()).isZero();
            assertThat(claimed.attempts()).isEqualTo(1);
            assertThat(store().find(project, stored.id())).contains(claimed);
            assertThat(store().claim(project, stored.id(), agent, "job:8", lease, T0.plusSeconds(2))).isEmpty();
            assertThat(store().find(project, stored.id()).orElseThrow().claimedBy()).contains("job:7");
        }

        @Test
        void anUnknownItemOrOneOfAnotherProjectIsNotClaimed() {
            long project = seeds().newProject();
            long other = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            assertThat(store().claim(other, stored.id(), agent, "job:1", T0.plusSeconds(60), T0)).isEmpty();
            assertThat(store().claim(project, stored.id() + 1_000_000, agent, "job:1", T0.plusSeconds(60), T0))
                    .isEmpty();
            assertThat(store().find(project, stored.id()).orElseThrow().status()).isEqualTo(WorkItemStatus.BACKLOG);
        }

        @Test
        void theHolderRenewsItsLeaseAndNobodyElseDoes() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            store().claim(project, stored.id(), agent, "job:1", T0.plusSeconds(60), T0);
            assertThat(store().renewLease(stored.id(), "job:2", T0.plusSeconds(500), T0.plusSeconds(1))).isFalse();
            assertThat(store().find(project, stored.id()).orElseThrow().leaseExpiresAt()).contains(T0.plusSeconds(60));
            assertThat(store().renewLease(stored.id(), "job:1", T0.plusSeconds(120), T0.plusSeconds(2))).isTrue();
            WorkItem renewed = store().find(project, stored.id()).orElseThrow();
            assertThat(renewed.leaseExpiresAt()).contains(T0.plusSeconds(120));
            assertThat(renewed.updatedAt()).isEqualTo(T0.plusSeconds(2));
        }

        @Test
        void anUnclaimedItemHasNoLeaseToRenew() {
            long project = seeds().newProject();
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            assertThat(store().renewLease(stored.id(), "job:1", T0.plusSeconds(60), T0)).isFalse();
            assertThat(store().find(project, stored.id()).orElseThrow().leaseExpiresAt()).isEmpty();
        }
    }

    @Nested
    class FinishingAClaim {

        @Test
        void reviewClearsTheClaimAndKeepsTheAgent() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = claimedItem(project, agent, "job:1");
            assertThat(store().finishClaim(stored.id(), "job:1", WorkItemStatus.REVIEW, T0.plusSeconds(9))).isTrue();
            WorkItem finished = store().find(project, stored.id()).orElseThrow();
            assertThat(finished.status()).isEqualTo(WorkItemStatus.REVIEW);
            assertThat(finished.claimedBy()).isEmpty();
            assertThat(finished.leaseExpiresAt()).isEmpty();
            assertThat(finished.assignedAgentId()).contains(agent);
            assertThat(finished.completedAt()).isEmpty();
            assertThat(finished.updatedAt()).isEqualTo(T0.plusSeconds(9));
        }

        @Test
        void doneSetsCompletedAt() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = claimedItem(project, agent, "job:1");
            assertThat(store().finishClaim(stored.id(), "job:1", WorkItemStatus.DONE, T0.plusSeconds(9))).isTrue();
            WorkItem finished = store().find(project, stored.id()).orElseThrow();
            assertThat(finished.status()).isEqualTo(WorkItemStatus.DONE);
            assertThat(finished.completedAt()).contains(T0.plusSeconds(9));
        }

        @Test
        void backlogReturnsTheItemForALaterCycle() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = claimedItem(project, agent, "job:1");
            assertThat(store().finishClaim(stored.id(), "job:1", WorkItemStatus.BACKLOG, T0.plusSeconds(9))).isTrue();
            assertThat(store().backlog(project, 5)).extracting(WorkItem::id).containsExactly(stored.id());
            assertThat(store().claim(project, stored.id(), agent, "job:2", T0.plusSeconds(60), T0)).isPresent();
        }

        @Test
        void anotherClaimantChangesNothing() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = claimedItem(project, agent, "job:1");
            assertThat(store().finishClaim(stored.id(), "job:2", WorkItemStatus.DONE, T0.plusSeconds(9))).isFalse();
            assertThat(store().find(project, stored.id())).contains(stored);
        }

        @Test
        void finishingInProgressIsRefused() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = claimedItem(project, agent, "job:1");
            assertThatThrownBy(() -> store().finishClaim(stored.id(), "job:1", WorkItemStatus.IN_PROGRESS, T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        private WorkItem claimedItem(long project, long agent, String claimant) {
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            return store().claim(project, stored.id(), agent, claimant, T0.plusSeconds(60), T0).orElseThrow();
        }
    }

    @Nested
    class Transitions {

        @Test
        void movesFromTheExpectedStatusOnly() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            store().claim(project, stored.id(), agent, "job:1", T0.plusSeconds(60), T0);
            store().finishClaim(stored.id(), "job:1", WorkItemStatus.REVIEW, T0);
            assertThat(store().transition(stored.id(), WorkItemStatus.BACKLOG, WorkItemStatus.DONE, T0)).isFalse();
            assertThat(store().transition(stored.id(), WorkItemStatus.REVIEW, WorkItemStatus.DONE, T0.plusSeconds(3)))
                    .isTrue();
            WorkItem done = store().find(project, stored.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(WorkItemStatus.DONE);
            assertThat(done.completedAt()).contains(T0.plusSeconds(3));
            assertThat(store().transition(stored.id(), WorkItemStatus.REVIEW, WorkItemStatus.BACKLOG, T0)).isFalse();
        }

        @Test
        void aTransitionClearsAnyClaim() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 2);
            WorkItem stored = store().insertAll(project, List.of(item("x", 1)), T0).getFirst();
            store().claim(project, stored.id(), agent, "job:1", T0.plusSeconds(60), T0);
            assertThat(store().transition(stored.id(), WorkItemStatus.IN_PROGRESS, WorkItemStatus.BACKLOG,
                    T0.plusSeconds(4))).isTrue();
            WorkItem back = store().find(project, stored.id()).orElseThrow();
            assertThat(back.status()).isEqualTo(WorkItemStatus.BACKLOG);
            assertThat(back.claimedBy()).isEmpty();
            assertThat(back.leaseExpiresAt()).isEmpty();
            assertThat(back.completedAt()).isEmpty();
            assertThat(back.updatedAt()).isEqualTo(T0.plusSeconds(4));
        }
    }

    @Nested
    class ExpiredLeases {

        @Test
        void expiredItemsReturnToBacklogAndAreReportedAsTheyWere() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 5);
            List<WorkItem> items = store().insertAll(project, List.of(item("a", 1), item("b", 2), item("c", 3)), T0);
            WorkItem expired = store().claim(project, items.get(0).id(), agent, "job:1", T0.plusSeconds(10), T0)
                    .orElseThrow();
            WorkItem atTheLimit = store().claim(project, items.get(1).id(), agent, "sync:r2", T0.plusSeconds(20), T0)
                    .orElseThrow();
            store().claim(project, items.get(2).id(), agent, "job:3", T0.plusSeconds(21), T0);
            Instant now = T0.plusSeconds(20);
            List<WorkItem> released = store().releaseExpiredLeases(now);
            assertThat(released.stream().filter(w -> w.projectId() == project).toList())
                    .containsExactlyInAnyOrder(expired, atTheLimit);
            WorkItem back = store().find(project, expired.id()).orElseThrow();
            assertThat(back.status()).isEqualTo(WorkItemStatus.BACKLOG);
            assertThat(back.claimedBy()).isEmpty();
            assertThat(back.leaseExpiresAt()).isEmpty();
            assertThat(back.updatedAt()).isEqualTo(now);
            assertThat(store().find(project, items.get(2).id()).orElseThrow().claimedBy()).contains("job:3");
            assertThat(store().releaseExpiredLeases(now).stream().filter(w -> w.projectId() == project)).isEmpty();
        }
    }

    @Nested
    class Counting {

        @Test
        void countsPerStatusLeavingOutStatusesWithNone() {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 5);
            assertThat(store().countByStatus(project)).isEmpty();
            List<WorkItem> items = store().insertAll(project, List.of(item("a", 1), item("b", 2), item("c", 3)), T0);
            store().claim(project, items.get(0).id(), agent, "job:1", T0.plusSeconds(60), T0);
            store().insertAll(seeds().newProject(), List.of(item("other", 1)), T0);
            assertThat(store().countByStatus(project)).isEqualTo(
                    Map.of(WorkItemStatus.BACKLOG, 2, WorkItemStatus.IN_PROGRESS, 1));
        }
    }

    @Nested
    class Loads {

        @Test
        void loadsCountOnlyInProgressItemsInAgentIdOrder() {
            long project = seeds().newProject();
            long busy = seeds().newAgent(project, 3);
            long idle = seeds().newAgent(project, 1);
            List<WorkItem> items = store().insertAll(project, List.of(item("a", 1), item("b", 2), item("c", 3)), T0);
            store().claim(project, items.get(0).id(), busy, "job:1", T0.plusSeconds(60), T0);
            store().claim(project, items.get(1).id(), busy, "job:1", T0.plusSeconds(60), T0);
            store().finishClaim(items.get(1).id(), "job:1", WorkItemStatus.REVIEW, T0);
            store().assign(project, items.get(2).id(), idle, T0);
            assertThat(store().lockLoads(project, List.of(idle, busy)))
                    .containsExactly(new AgentLoad(busy, 3, 1), new AgentLoad(idle, 1, 0));
        }

        @Test
        void agentsOutsideTheProjectAreLeftOut() {
            long project = seeds().newProject();
            long ours = seeds().newAgent(project, 2);
            long theirs = seeds().newAgent(seeds().newProject(), 2);
            assertThat(store().lockLoads(project, List.of(theirs, ours, ours + 1_000_000)))
                    .containsExactly(new AgentLoad(ours, 2, 0));
            assertThat(store().lockLoads(project, List.of())).isEmpty();
        }
    }

    @Nested
    class Concurrency {

        /** Two instances, eight threads, every thread tries every item: each item is claimed exactly once. */
        @Test
        void concurrentClaimersClaimEachItemExactlyOnce() throws Exception {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 20);
            List<NewWorkItem> fresh = IntStream.range(0, 12).mapToObj(i -> item("item " + i, 1 + i % 5)).toList();
            List<WorkItem> items = store().insertAll(project, fresh, T0);
            Map<Long, ConcurrentLinkedQueue<String>> winners = new ConcurrentHashMap<>();
            items.forEach(w -> winners.put(w.id(), new ConcurrentLinkedQueue<>()));
            Instance second = secondInstance();
            ConcurrentRuns.run(8, thread -> {
                WorkItemStore store = thread % 2 == 0 ? store() : second.store();
                List<WorkItem> order = new ArrayList<>(items);
                java.util.Collections.rotate(order, thread);
                for (WorkItem w : order) {
                    String claimant = "job:" + thread;
                    store.claim(project, w.id(), agent, claimant, T0.plusSeconds(60), T0)
                            .ifPresent(won -> winners.get(won.id()).add(claimant));
                }
            });
            for (WorkItem w : items) {
                assertThat(winners.get(w.id())).as("winners of item %s", w.id()).hasSize(1);
                assertThat(store().find(project, w.id()).orElseThrow().claimedBy())
                        .contains(winners.get(w.id()).peek());
            }
        }

        /**
         * Six threads on two instances sweep the same expired claims at once, as every hub instance's lease sweep
         * does: each item is released (and so reported) exactly once, and an unexpired claim by none.
         */
        @Test
        void concurrentSweepsReleaseEachExpiredItemExactlyOnce() throws Exception {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 20);
            List<WorkItem> items = store().insertAll(project,
                    IntStream.range(0, 10).mapToObj(i -> item("item " + i, 1 + i % 5)).toList(), T0);
            for (WorkItem w : items) {
                Instant lease = w.id() == items.get(9).id() ? T0.plusSeconds(600) : T0.plusSeconds(30);
                store().claim(project, w.id(), agent, "job:" + w.id(), lease, T0).orElseThrow();
            }
            ConcurrentLinkedQueue<Long> released = new ConcurrentLinkedQueue<>();
            Instance second = secondInstance();
            ConcurrentRuns.run(6, thread -> {
                WorkItemStore store = thread % 2 == 0 ? store() : second.store();
                store.releaseExpiredLeases(T0.plusSeconds(60)).stream()
                        .filter(w -> w.projectId() == project)
                        .forEach(w -> released.add(w.id()));
            });
            assertThat(released).containsExactlyInAnyOrderElementsOf(
                    items.subList(0, 9).stream().map(WorkItem::id).toList());
            assertThat(store().list(project, Optional.of(WorkItemStatus.BACKLOG), ALL)).hasSize(9);
            assertThat(store().find(project, items.get(9).id()).orElseThrow().claimedBy())
                    .contains("job:" + items.get(9).id());
        }

        /**
         * Eight threads on two instances each lock the agent's load and claim a different item when the agent is
         * below capacity, in one transaction: the agent never ends up with more in-progress items than its limit.
         */
        @Test
        void lockedLoadsKeepClaimsWithinCapacity() throws Exception {
            long project = seeds().newProject();
            long agent = seeds().newAgent(project, 3);
            List<WorkItem> items = store().insertAll(project,
                    IntStream.range(0, 8).mapToObj(i -> item("item " + i, 1)).toList(), T0);
            ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
            Instance second = secondInstance();
            ConcurrentRuns.run(8, thread -> {
                Instance on = thread % 2 == 0 ? instance() : second;
                on.transactions().inTransaction(() -> {
                    AgentLoad load = on.store().lockLoads(project, List.of(agent)).getFirst();
                    if (load.belowCapacity()) {
                        on.store().claim(project, items.get(thread).id(), agent, "job:" + thread,
                                T0.plusSeconds(60), T0).ifPresent(w -> claimed.add(w.id()));
                    }
                });
            });
            assertThat(claimed).hasSize(3);
            assertThat(store().countByStatus(project)).isEqualTo(
                    Map.of(WorkItemStatus.IN_PROGRESS, 3, WorkItemStatus.BACKLOG, 5));
            assertThat(store().lockLoads(project, List.of(agent))).containsExactly(new AgentLoad(agent, 3, 3));
        }
    }
}
