package dev.agenthub.testkit.escalations;

import dev.agenthub.hub.escalations.Escalation;
import dev.agenthub.hub.escalations.Escalation.State;
import dev.agenthub.hub.escalations.port.EscalationStore;
import dev.agenthub.hub.escalations.port.EscalationStore.Expired;
import dev.agenthub.hub.escalations.port.EscalationStore.Filter;
import dev.agenthub.hub.escalations.port.EscalationStore.Missing;
import dev.agenthub.hub.escalations.port.EscalationStore.Outcome;
import dev.agenthub.hub.escalations.port.EscalationStore.Responded;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link EscalationStore} contract. Extend it with the store under test, a second store on the same database
 * that shares nothing else with it (its own connection pool: a second server instance), the transaction runner
 * the first store joins, and ways to create projects and workspaces and to soft-delete a workspace. Every check is
 * scoped to fresh projects, so the store may hold other tests' rows; the sweep checks look only at their own
 * projects' rows, since a sweep expires due rows of every project.
 */
public abstract class EscalationStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract EscalationStore store();

    /** A store on the same database with its own connection pool, as another server instance would have. */
    protected abstract EscalationStore secondInstance();

    /** The runner whose transactions {@link #store()} joins. */
    protected abstract TransactionRunner transactions();

    /** A live project, fresh for each call. */
    protected abstract ProjectId newProject();

    /** A live workspace of the project (with its agent) holding this alias; its id. */
    protected abstract AgentId newWorkspace(ProjectId project, String alias);

    /** Soft-deletes the workspace. */
    protected abstract void softDelete(AgentId workspace);

    private static Escalation pending(ProjectId project, AgentId workspace, String alias, Instant created,
                                      Duration lifetime) {
        return new Escalation(UUID.randomUUID(), project, workspace, alias, null, "subject of " + alias,
                "situation of " + alias, null, State.PENDING, null, null, created, null, created.plus(lifetime));
    }

    private static Escalation responded(Escalation e, String response, String note, Instant at) {
        return new Escalation(e.id(), e.project(), e.workspace(), e.alias(), e.memberEmail(), e.subject(),
                e.situation(), e.options(), State.RESPONDED, response, note, e.createdAt(), at, e.expiresAt());
    }

    private static Escalation expired(Escalation e) {
        return new Escalation(e.id(), e.project(), e.workspace(), e.alias(), e.memberEmail(), e.subject(),
                e.situation(), e.options(), State.EXPIRED, e.response(), e.responseNote(), e.createdAt(),
                e.respondedAt(), e.expiresAt());
    }

    private List<Escalation> all(ProjectId project, Filter filter, Instant now) {
        return store().page(project, filter, now, new PageRequest(PageRequest.MAX_LIMIT, Optional.empty())).items();
    }

    private static Filter status(State state) {
        return new Filter(Optional.empty(), Optional.empty(), Optional.of(state), Optional.empty());
    }

    @Nested
    class Storing {

        @Test
        void anInsertedEscalationIsFoundAsGiven() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Escalation full = new Escalation(UUID.randomUUID(), project, ws, "ada", "ada@example.com", "Deploy?",
                    "prod is red", List.of("yes", "no"), State.PENDING, null, null, T0, null, T0.plusSeconds(3600));
            Escalation bare = pending(project, ws, "ada", T0, Duration.ofHours(4));
            store().insert(full);
            store().insert(bare);
            assertThat(store().find(project, full.id())).contains(full);
            assertThat(store().find(project, bare.id())).contains(bare);
            assertThat(store().find(project, bare.id()).orElseThrow().options()).isNull();
        }

        @Test
        void findSeesOnlyTheProjectsVisibleEscalations() {
            ProjectId project = newProject();
            ProjectId other = newProject();
            AgentId ws = newWorkspace(project, "ada");
            AgentId gone = newWorkspace(project, "gone");
            Escalation mine = pending(project, ws, "ada", T0, Duration.ofHours(1));
            Escalation deleted = pending(project, gone, "gone", T0, Duration.ofHours(1));
            store().insert(mine);
            store().insert(deleted);
            softDelete(gone);
            assertThat(store().find(other, mine.id())).isEmpty();
            assertThat(store().find(project, deleted.id())).isEmpty();
            assertThat(store().find(project, UUID.randomUUID())).isEmpty();
            assertThat(store().page(project, Filter.NONE, T0, new PageRequest(10, Optional.empty())).items())
                    .containsExactly(mine);
        }

        @Test
        void anInsertJoinsTheCallersTransaction() {
            ProjectId project = newProject();
            Escalation e = pending(project, newWorkspace(project, "ada"), "ada", T0, Duration.ofHours(1));
            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                store().insert(e);
                assertThat(store().find(project, e.id())).contains(e);
                throw new IllegalStateException("roll back");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store().find(project, e.id())).isEmpty();
        }
    }

    @Nested
    class ReadingAtNow {

        @Test
        void aDuePendingEscalationCountsAsExpiredInFiltersAndCounts() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Escalation soon = pending(project, ws, "ada", T0, Duration.ofHours(1));
            Escalation later = pending(project, ws, "ada", T0.plusSeconds(1), Duration.ofHours(2));
            store().insert(soon);
            store().insert(later);
            Instant due = soon.expiresAt();
            assertThat(store().countPending(project, due.minusNanos(1000))).isEqualTo(2);
            assertThat(store().countPending(project, due)).isEqualTo(1);
            assertThat(all(project, status(State.PENDING), due)).containsExactly(later);
            assertThat(all(project, status(State.EXPIRED), due)).as("rows as stored: the caller applies asOf")
                    .containsExactly(soon);
            assertThat(all(project, status(State.EXPIRED), due.minusNanos(1000))).isEmpty();
        }

        @Test
        void countPendingLeavesOutRespondedExpiredAndInvisibleRows() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            AgentId gone = newWorkspace(project, "gone");
            Escalation open = pending(project, ws, "ada", T0, Duration.ofHours(8));
            Escalation answered = pending(project, ws, "ada", T0, Duration.ofHours(8));
            Escalation invisible = pending(project, gone, "gone", T0, Duration.ofHours(8));
            List.of(open, answered, invisible).forEach(store()::insert);
            store().respond(project, answered.id(), "ok", null, T0, T0);
            softDelete(gone);
            assertThat(store().countPending(project, T0)).isEqualTo(1);
            assertThat(store().countPending(newProject(), T0)).isZero();
        }

        @Test
        void filtersByWorkspaceAliasAndStatus() {
            ProjectId project = newProject();
            AgentId ada = newWorkspace(project, "ada");
            AgentId bob = newWorkspace(project, "bob");
            Escalation a = pending(project, ada, "ada", T0, Duration.ofHours(1));
            Escalation b = pending(project, bob, "bob", T0.plusSeconds(1), Duration.ofHours(1));
            store().insert(a);
            store().insert(b);
            store().respond(project, b.id(), "fine", null, T0.plusSeconds(2), T0.plusSeconds(2));
            assertThat(all(project, new Filter(Optional.of(ada), Optional.empty(), Optional.empty(), Optional.empty()), T0))
                    .containsExactly(a);
            assertThat(all(project, new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("bob")), T0))
                    .extracting(Escalation::id).containsExactly(b.id());
            assertThat(all(project, status(State.RESPONDED), T0)).extracting(Escalation::id).containsExactly(b.id());
            assertThat(all(project, status(State.PENDING), T0)).containsExactly(a);
        }
    }

    @Nested
    class Paging {

        @Test
        void pagesWalkNewestFirstAcrossTies() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            List<Escalation> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Escalation e = pending(project, ws, "ada", T0.plusSeconds(i / 2), Duration.ofHours(1)); // pairs tie
                store().insert(e);
                rows.add(e);
            }
            List<Escalation> expected = rows.stream().sorted((x, y) -> {
                int byTime = y.createdAt().compareTo(x.createdAt());
                return byTime != 0 ? byTime : y.id().toString().compareTo(x.id().toString());
            }).toList();
            assertThat(all(project, Filter.NONE, T0)).containsExactlyElementsOf(expected);
            List<Escalation> walked = new ArrayList<>();
            Optional<CursorKey> after = Optional.empty();
            for (int i = 0; i < 3; i++) {
                Page<Escalation> page = store().page(project, Filter.NONE, T0, new PageRequest(2, after));
                walked.addAll(page.items());
                assertThat(page.hasMore()).isEqualTo(i < 2);
                after = page.nextCursor().map(CursorKey::decode);
            }
            assertThat(walked).containsExactlyElementsOf(expected);
        }

        @Test
        void aCursorOfCreatedAtAloneContinuesStrictlyBeforeIt() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Escalation old = pending(project, ws, "ada", T0, Duration.ofHours(1));
            Escalation tie = pending(project, ws, "ada", T0.plusSeconds(1), Duration.ofHours(1));
            store().insert(old);
            store().insert(tie);
            CursorKey spec = CursorKey.of(Map.of("created_at", CursorKey.timestamp(tie.createdAt())));
            assertThat(store().page(project, Filter.NONE, T0, new PageRequest(10, Optional.of(spec))).items())
                    .containsExactly(old);
        }

        @Test
        void aCursorWithoutCreatedAtIsInvalid() {
            ProjectId project = newProject();
            CursorKey bad = CursorKey.of(Map.of("escalation_id", UUID.randomUUID().toString()));
            assertThatThrownBy(() -> store().page(project, Filter.NONE, T0, new PageRequest(10, Optional.of(bad))))
                    .isInstanceOf(DomainError.Invalid.class);
        }
    }

    @Nested
    class Responding {

        @Test
        void aResponseIsStoredAndAnswered() {
            ProjectId project = newProject();
            Escalation e = pending(project, newWorkspace(project, "ada"), "ada", T0, Duration.ofHours(1));
            store().insert(e);
            Escalation answered = responded(e, "yes", "after CI", T0.plusSeconds(5));
            assertThat(store().respond(project, e.id(), "yes", "after CI", T0.plusSeconds(5), T0.plusSeconds(5)))
                    .isEqualTo(new Responded(answered));
            assertThat(store().find(project, e.id())).contains(answered);
            Escalation again = responded(e, "no", null, T0.plusSeconds(9));
            assertThat(store().respond(project, e.id(), "no", null, T0.plusSeconds(9), T0.plusSeconds(9)))
                    .as("a second response replaces the first").isEqualTo(new Responded(again));
        }

        @Test
        void anExpiredEscalationTakesNoResponse() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Escalation due = pending(project, ws, "ada", T0, Duration.ofHours(1));
            store().insert(due);
            assertThat(store().respond(project, due.id(), "late", null, due.expiresAt(), due.expiresAt()))
                    .isEqualTo(new Expired(due));
            assertThat(store().find(project, due.id())).contains(due);
            assertThat(store().expireDue(due.expiresAt(), 1000)).contains(expired(due));
            assertThat(store().respond(project, due.id(), "late", null, T0, T0))
                    .as("stored expired, whatever now is").isEqualTo(new Expired(expired(due)));
        }

        @Test
        void anInvisibleEscalationIsMissing() {
            ProjectId project = newProject();
            AgentId gone = newWorkspace(project, "gone");
            Escalation e = pending(project, gone, "gone", T0, Duration.ofHours(1));
            store().insert(e);
            assertThat(store().respond(newProject(), e.id(), "x", null, T0, T0)).isEqualTo(new Missing());
            assertThat(store().respond(project, UUID.randomUUID(), "x", null, T0, T0)).isEqualTo(new Missing());
            softDelete(gone);
            assertThat(store().respond(project, e.id(), "x", null, T0, T0)).isEqualTo(new Missing());
        }
    }

    @Nested
    class Sweeping {

        @Test
        void expireDueAnswersExactlyTheDuePendingRowsOnce() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Escalation due = pending(project, ws, "ada", T0, Duration.ofHours(1));
            Escalation notYet = pending(project, ws, "ada", T0, Duration.ofHours(2));
            Escalation answered = pending(project, ws, "ada", T0, Duration.ofHours(1));
            List.of(due, notYet, answered).forEach(store()::insert);
            store().respond(project, answered.id(), "ok", null, T0, T0);
            Instant now = T0.plus(Duration.ofHours(1));
            assertThat(ofProject(store().expireDue(now, 1000), project)).containsExactly(expired(due));
            assertThat(ofProject(store().expireDue(now, 1000), project)).isEmpty();
            assertThat(store().find(project, due.id())).contains(expired(due));
            assertThat(store().find(project, notYet.id())).contains(notYet);
        }

        @Test
        void expireDueTakesAtMostTheLimit() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Instant created = T0.minus(Duration.ofDays(3650)); // due before any other test's rows
            for (int i = 0; i < 3; i++) {
                store().insert(pending(project, ws, "ada", created, Duration.ofHours(1)));
            }
            Instant now = created.plus(Duration.ofHours(1));
            assertThat(store().expireDue(now, 2)).hasSize(2);
            assertThat(ofProject(store().expireDue(now, 2), project)).hasSize(1);
        }

        /**
         * Two sweepers through two instances, each taking small batches until it finds none, race over the same
         * due rows, then one more sweep picks up what SKIP LOCKED may have left: every row is answered once.
         */
        @Test
        void twoRacingSweepersExpireEachRowExactlyOnce() throws Exception {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Set<UUID> ids = new java.util.HashSet<>();
            for (int i = 0; i < 200; i++) {
                Escalation e = pending(project, ws, "ada", T0.plusMillis(i), Duration.ofMinutes(1));
                store().insert(e);
                ids.add(e.id());
            }
            Instant now = T0.plus(Duration.ofHours(1));
            List<EscalationStore> instances = List.of(store(), secondInstance());
            ConcurrentLinkedQueue<Escalation> swept = new ConcurrentLinkedQueue<>();
            ConcurrentRuns.run(2, thread -> {
                List<Escalation> round;
                do {
                    round = instances.get(thread).expireDue(now, 7);
                    swept.addAll(round);
                } while (!round.isEmpty());
            });
            swept.addAll(store().expireDue(now, 1000));
            List<UUID> ours = ofProject(List.copyOf(swept), project).stream().map(Escalation::id).toList();
            assertThat(ours).hasSize(ids.size()).doesNotHaveDuplicates();
            assertThat(Set.copyOf(ours)).isEqualTo(ids);
            assertThat(swept).allSatisfy(e -> assertThat(e.status()).isEqualTo(State.EXPIRED));
        }

        @Test
        void aResponseAndTheSweepNeverBothWin() throws Exception {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            List<Escalation> rows = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Escalation e = pending(project, ws, "ada", T0, Duration.ofMinutes(1));
                store().insert(e);
                rows.add(e);
            }
            Instant due = T0.plus(Duration.ofMinutes(1));
            ConcurrentLinkedQueue<UUID> answered = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<UUID> expiredIds = new ConcurrentLinkedQueue<>();
            // the responder's clock is just before expiry: a response succeeds unless the sweep got there first
            ConcurrentRuns.run(2, thread -> {
                if (thread == 0) {
                    for (Escalation e : rows) {
                        Outcome outcome = secondInstance().respond(project, e.id(), "yes", null, T0, due.minusNanos(1000));
                        if (outcome instanceof Responded) {
                            answered.add(e.id());
                        }
                    }
                } else {
                    List<Escalation> round;
                    do {
                        round = store().expireDue(due, 3);
                        round.stream().filter(e -> e.project().equals(project)).forEach(e -> expiredIds.add(e.id()));
                    } while (!round.isEmpty());
                }
            });
            ofProject(store().expireDue(due, 1000), project).forEach(e -> expiredIds.add(e.id()));
            assertThat(answered).doesNotContainAnyElementsOf(expiredIds);
            assertThat(Set.copyOf(answered).size() + Set.copyOf(expiredIds).size()).isEqualTo(rows.size());
            for (Escalation e : rows) {
                State stored = store().find(project, e.id()).orElseThrow().status();
                assertThat(stored).isEqualTo(answered.contains(e.id()) ? State.RESPONDED : State.EXPIRED);
            }
        }

        private static List<Escalation> ofProject(List<Escalation> rows, ProjectId project) {
            return rows.stream().filter(e -> e.project().equals(project)).collect(Collectors.toList());
        }
    }
}
