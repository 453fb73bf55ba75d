package dev.agenthub.protocol.kernel.tx;

import java.util.function.Supplier;

/**
 * Port: runs use-case work atomically. Stores that are used inside the work join the caller's
 * transaction (an ambient, per-thread context), so a use case composes several stores without passing a
 * connection around. A host application that embeds the hub may supply its own implementation.
 *
 * <p>Contract (verified by {@code TransactionRunnerContract} in the test kit):
 * <ul>
 *   <li>The work's return value is returned; everything it wrote is committed, and visible to other
 *       connections, before {@code inTransaction} returns.</li>
 *   <li>When the work throws, the same exception instance propagates (unchecked exceptions and errors
 *       alike) and nothing the work wrote is kept.</li>
 *   <li>A nested call on the same thread joins the enclosing transaction as a savepoint: its writes are
 *       visible to the enclosing work at once and are committed only with it. If the nested work throws,
 *       only the nested writes are undone; the enclosing work may catch the exception and go on.</li>
 *   <li>The ambient transaction belongs to the calling thread: work started on another thread does not
 *       join it, and uncommitted writes are invisible to other threads.</li>
 *   <li>When the database aborts the outermost transaction for a deadlock or a serialization failure, the
 *       outermost call throws {@link TransactionConflict}: nothing was kept, and the caller may run the work
 *       again.</li>
 * </ul>
 */
public interface TransactionRunner {

    /** Runs {@code work} in a transaction (or a savepoint of the enclosing one) and returns its result. */
    <T> T inTransaction(Supplier<T> work);

    /** As {@link #inTransaction(Supplier)}, for work without a result. */
    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Whether the calling thread is inside {@link #inTransaction}. */
    boolean isActive();

    /**
     * Runs {@code action} once the outermost transaction of the calling thread has committed, e.g. to
     * publish an event about data other instances can now read. Actions run in registration order on the
     * committing thread; an action's exception is logged by the implementation and does not affect the
     * others or the (already committed) transaction.
     *
     * <p>When no transaction is active the action runs at once. When the transaction, or the savepoint in
     * which the action was registered, rolls back, the action is discarded and never runs.
     */
    void afterCommit(Runnable action);
}
