package dev.agenthub.testkit.notifications;

import dev.agenthub.hub.notifications.OutboxEntry;
import dev.agenthub.hub.notifications.OutboxEntry.State;
import dev.agenthub.hub.notifications.port.OutboxStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link OutboxStore} contract. Extend it with the store under test and its transaction runner, and a second
 * store on the same database that shares nothing else with it (its own connection pool, as another server
 * instance has) with its runner, and a way to create projects. Every check is scoped to fresh projects.
 */
public abstract class OutboxStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract OutboxStore store();

    /** The runner whose transactions {@link #store()} joins. */
    protected abstract TransactionRunner transactions();

    /** A store on the same database with its own connection pool. */
    protected abstract OutboxStore secondInstance();

    /** The runner whose transactions {@link #secondInstance()} joins. */
    protected abstract TransactionRunner secondTransactions();

    /** A live project, fresh for each call. */
    protected abstract ProjectId newProject();

    private static OutboxEntry row(ProjectId project, String bead, Instant created) {
        return OutboxEntry.pending(UUID.randomUUID(), project, new AgentId(UUID.randomUUID()), "alice", bead,
                "github.com/org/app", "main", "open", "closed", "Title " + bead, created);
    }

    @Test
    void insertedRowsReadBackAsGivenWithNullPayloadFieldsKept() {
        ProjectId project = newProject();
        OutboxEntry full = row(project, "bd-1", T0);
        OutboxEntry sparse = OutboxEntry.pending(UUID.randomUUID(), project, new AgentId(UUID.randomUUID()), "bob",
                "bd-2", null, null, "", "open", null, T0);
        store().insert(full);
        store().insert(sparse);
        assertThat(store().find(full.id())).contains(full);
        assertThat(store().find(sparse.id())).contains(sparse);
        assertThat(store().find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void dueIsPendingOrFailedUnderThreeAttemptsOldestFirstAndScopedToTheProject() {
        ProjectId project = newProject();
        ProjectId other = newProject();
        OutboxEntry newest = row(project, "c", T0.plusSeconds(3));
        OutboxEntry oldest = row(project, "a", T0.plusSeconds(1));
        OutboxEntry completed = row(project, "b", T0.plusSeconds(2));
        OutboxEntry exhausted = row(project, "d", T0.plusSeconds(4));
        OutboxEntry foreign = row(other, "e", T0);
        for (OutboxEntry e : List.of(newest, oldest, completed, exhausted, foreign)) {
            store().insert(e);
        }
        transactions().inTransaction(() -> {
            store().take(completed.id());
            store().complete(completed.id(), UUID.randomUUID(), T0);
        });
        for (int i = 0; i < 3; i++) {
            transactions().inTransaction(() -> {
                assertThat(store().take(exhausted.id())).isPresent();
                store().fail(exhausted.id(), "boom", T0);
            });
        }
        assertThat(store().due(Optional.of(project), 10)).extracting(OutboxEntry::id)
                .containsExactly(oldest.id(), newest.id());
        assertThat(store().due(Optional.of(project), 1)).extracting(OutboxEntry::id).containsExactly(oldest.id());
        assertThat(store().due(Optional.empty(), 100_000)).extracting(OutboxEntry::id)
                .contains(oldest.id(), newest.id(), foreign.id()).doesNotContain(completed.id(), exhausted.id());
        assertThat(store().take(exhausted.id())).isEmpty();
        OutboxEntry failed = store().find(exhausted.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("boom");
    }

    @Test
    void takeCountsTheAttemptAndCompleteRecordsTheMessage() {
        ProjectId project = newProject();
        OutboxEntry e = row(project, "bd-1", T0);
        store().insert(e);
        UUID message = UUID.randomUUID();
        transactions().inTransaction(() -> {
            OutboxEntry taken = store().take(e.id()).orElseThrow();
            assertThat(taken.state()).isEqualTo(State.PROCESSING);
            assertThat(taken.attempts()).isEqualTo(1);
            store().complete(e.id(), message, T0.plusSeconds(1));
        });
        OutboxEntry done = store().find(e.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.messageId()).isEqualTo(message);
        assertThat(done.processedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store().take(e.id())).isEmpty(); // never again
    }

    @Test
    void failCutsTheErrorTo500Characters() {
        ProjectId project = newProject();
        OutboxEntry e = row(project, "bd-1", T0);
        store().insert(e);
        transactions().inTransaction(() -> {
            store().take(e.id());
            store().fail(e.id(), "x".repeat(900), T0);
        });
        assertThat(store().find(e.id()).orElseThrow().lastError()).hasSize(OutboxEntry.MAX_ERROR_LENGTH);
    }

    @Test
    void aRowHeldByAnotherInstanceIsSkippedAndARolledBackTakeLeavesNoTrace() throws Exception {
        ProjectId project = newProject();
        OutboxEntry e = row(project, "bd-1", T0);
        store().insert(e);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                transactions().inTransaction(() -> {
                    assertThat(store().take(e.id())).isPresent();
                    held.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the processor dies mid-row");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        // skipped at once, not waited for
        assertThat(secondTransactions().inTransaction(() -> secondInstance().take(e.id()))).isEmpty();
        release.countDown();
        holder.join();
        OutboxEntry after = secondTransactions().inTransaction(() -> secondInstance().take(e.id())).orElseThrow();
        assertThat(after.attempts()).isEqualTo(1);
    }

    @Test
    void twoInstancesTakingTheSameRowsTakeEachExactlyOnce() throws Exception {
        ProjectId project = newProject();
        int rows = 200;
        for (int i = 0; i < rows; i++) {
            store().insert(row(project, "bd-" + i, T0.plusMillis(i)));
        }
        ConcurrentLinkedQueue<UUID> taken = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            OutboxStore s = w % 2 == 0 ? store() : secondInstance();
            TransactionRunner tx = w % 2 == 0 ? transactions() : secondTransactions();
            workers.add(Thread.ofPlatform().start(() -> {
                for (OutboxEntry candidate : s.due(Optional.of(project), rows)) {
                    tx.inTransaction(() -> s.take(candidate.id()).ifPresent(t -> {
                        taken.add(t.id());
                        s.complete(t.id(), UUID.randomUUID(), T0);
                    }));
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(taken).hasSize(rows).doesNotHaveDuplicates();
        assertThat(store().due(Optional.of(project), rows)).isEmpty();
    }
}
