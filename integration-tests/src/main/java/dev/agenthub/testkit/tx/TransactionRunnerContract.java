package dev.agenthub.testkit.tx;

import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link TransactionRunner} contract. Extend it with the runner under test and a {@link ProbeStore}
 * whose writes join that runner's ambient transaction.
 */
public abstract class TransactionRunnerContract {

    /** The runner under test. */
    protected abstract TransactionRunner runner();

    /** A minimal store of strings that participates in {@link #runner()}'s transactions. */
    protected abstract ProbeStore probe();

    /** What the suite needs from a store: a write that joins the ambient transaction, and two reads. */
    public interface ProbeStore {
        /** Inserts {@code value}, inside the calling thread's ambient transaction when there is one. */
        void insert(String value);

        /** The values visible to the calling thread (its own uncommitted writes included). */
        Set<String> visibleValues();

        /** The values committed, read through a connection of its own, outside any transaction. */
        Set<String> committedValues();
    }

    private static String unique(String label) {
        return label + "-" + UUID.randomUUID();
    }

    @Nested
    @DisplayName("commit and rollback")
    class CommitAndRollback {

        @Test
        void returnsTheResultAndCommitsBeforeReturning() {
            String value = unique("committed");
            String result = runner().inTransaction(() -> {
                probe().insert(value);
                return "result";
            });
            assertThat(result).isEqualTo("result");
            assertThat(probe().committedValues()).contains(value);
        }

        @Test
        void uncommittedWritesAreVisibleInsideButNotOutside() {
            String value = unique("pending");
            runner().inTransaction(() -> {
                probe().insert(value);
                assertThat(probe().visibleValues()).contains(value);
                assertThat(probe().committedValues()).doesNotContain(value);
            });
            assertThat(probe().committedValues()).contains(value);
        }

        @Test
        void anExceptionRollsBackAndPropagatesTheSameInstance() {
            assertRollsBackAndRethrows(new IllegalStateException("boom"));
        }

        @Test
        void anErrorAlsoRollsBackAndPropagates() {
            assertRollsBackAndRethrows(new AssertionError("fatal"));
        }

        private void assertRollsBackAndRethrows(Throwable failure) {
            String value = unique("rolled-back");
            assertThatThrownBy(() -> runner().inTransaction(() -> {
                probe().insert(value);
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            })).isSameAs(failure);
            assertThat(probe().committedValues()).doesNotContain(value);
        }

        @Test
        void isActiveOnlyInsideATransaction() {
            assertThat(runner().isActive()).isFalse();
            boolean inside = runner().inTransaction(() -> runner().isActive());
            assertThat(inside).isTrue();
            assertThat(runner().isActive()).isFalse();
        }

        @Test
        void theRunnerIsUsableAfterAFailure() {
            assertThatThrownBy(() -> runner().inTransaction(() -> {
                throw new IllegalArgumentException("first");
            })).isInstanceOf(IllegalArgumentException.class);
            String value = unique("after-failure");
            runner().inTransaction(() -> probe().insert(value));
            assertThat(probe().committedValues()).contains(value);
            assertThat(runner().isActive()).isFalse();
        }
    }

    @Nested
    @DisplayName("nesting")
    class Nesting {

        @Test
        void nestedWorkJoinsAndCommitsWithTheOuterTransaction() {
            String outer = unique("outer");
            String inner = unique("inner");
            runner().inTransaction(() -> {
                probe().insert(outer);
                runner().inTransaction(() -> probe().insert(inner));
                assertThat(probe().visibleValues()).contains(outer, inner);
                assertThat(probe().committedValues()).doesNotContain(inner);
            });
            assertThat(probe().committedValues()).contains(outer, inner);
        }

        @Test
        void aFailedNestedCallUndoesOnlyItsOwnWrites() {
            String outer = unique("outer");
            String inner = unique("inner");
            runner().inTransaction(() -> {
                probe().insert(outer);
                try {
                    runner().inTransaction(() -> {
                        probe().insert(inner);
                        throw new IllegalStateException("inner fails");
                    });
                } catch (IllegalStateException expected) {
                    // the enclosing work decides to go on
                }
                assertThat(runner().isActive()).isTrue();
            });
            assertThat(probe().committedValues()).contains(outer).doesNotContain(inner);
        }

        @Test
        void anOuterFailureUndoesCompletedNestedWork() {
            String inner = unique("inner");
            assertThatThrownBy(() -> runner().inTransaction(() -> {
                runner().inTransaction(() -> probe().insert(inner));
                throw new IllegalStateException("outer fails");
            })).hasMessage("outer fails");
            assertThat(probe().committedValues()).doesNotContain(inner);
        }
    }

    @Nested
    @DisplayName("threads")
    class Threads {

        @Test
        void anotherThreadDoesNotJoinAndCannotSeeUncommittedWrites() throws Exception {
            String value = unique("isolated");
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch checked = new CountDownLatch(1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> runner().inTransaction(() -> {
                probe().insert(value);
                written.countDown();
                await(checked);
            }));
            await(written);
            try {
                assertThat(runner().isActive()).isFalse();
                assertThat(probe().visibleValues()).doesNotContain(value);
            } finally {
                checked.countDown();
            }
            writer.get(30, TimeUnit.SECONDS);
            assertThat(probe().visibleValues()).contains(value);
        }

        @Test
        void concurrentTransactionsAllCommit() throws Exception {
            int threads = 8;
            List<String> values = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String value = unique("concurrent-" + i);
                values.add(value);
                futures.add(CompletableFuture.runAsync(() -> runner().inTransaction(() -> probe().insert(value))));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(probe().committedValues()).containsAll(values);
        }

        private static void await(CountDownLatch latch) {
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("latch not released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    @DisplayName("after-commit actions")
    class AfterCommit {

        @Test
        void runAfterCommitAndSeeCommittedData() {
            String value = unique("hooked");
            List<Boolean> sawCommitted = new ArrayList<>();
            runner().inTransaction(() -> {
                probe().insert(value);
                runner().afterCommit(() -> sawCommitted.add(probe().committedValues().contains(value)));
                assertThat(sawCommitted).isEmpty();
            });
            assertThat(sawCommitted).containsExactly(true);
        }

        @Test
        void runInRegistrationOrderOnlyAfterTheOutermostCommit() {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            runner().inTransaction(() -> {
                runner().afterCommit(() -> order.add("first"));
                runner().inTransaction(() -> runner().afterCommit(() -> order.add("nested")));
                assertThat(order).isEmpty();
                runner().afterCommit(() -> order.add("last"));
            });
            assertThat(order).containsExactly("first", "nested", "last");
        }

        @Test
        void areDiscardedOnRollback() {
            List<String> ran = new ArrayList<>();
            assertThatThrownBy(() -> runner().inTransaction(() -> {
                runner().afterCommit(() -> ran.add("never"));
                throw new IllegalStateException("rollback");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(ran).isEmpty();
        }

        @Test
        void ofAFailedSavepointAreDiscardedWhileTheOuterOnesRun() {
            List<String> ran = new ArrayList<>();
            runner().inTransaction(() -> {
                runner().afterCommit(() -> ran.add("outer"));
                try {
                    runner().inTransaction(() -> {
                        runner().afterCommit(() -> ran.add("failed-savepoint"));
                        throw new IllegalStateException("inner");
                    });
                } catch (IllegalStateException expected) {
                    // go on
                }
            });
            assertThat(ran).containsExactly("outer");
        }

        @Test
        void runAtOnceOutsideATransaction() {
            List<String> ran = new ArrayList<>();
            runner().afterCommit(() -> ran.add("now"));
            assertThat(ran).containsExactly("now");
        }

        @Test
        void aFailingActionDoesNotStopTheOthersOrUndoTheCommit() {
            String value = unique("kept");
            List<String> ran = new ArrayList<>();
            runner().inTransaction(() -> {
                probe().insert(value);
                runner().afterCommit(() -> {
                    throw new IllegalStateException("action fails");
                });
                runner().afterCommit(() -> ran.add("second"));
            });
            assertThat(ran).containsExactly("second");
            assertThat(probe().committedValues()).contains(value);
        }
    }
}
