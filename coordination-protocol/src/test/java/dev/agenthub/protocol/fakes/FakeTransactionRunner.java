package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A single-threaded {@link TransactionRunner} that tracks nesting and the after-commit actions: those
 * registered in a transaction run after its outermost work returned, in registration order; those of a
 * transaction (or nested savepoint) whose work threw are discarded. It does not undo the fakes' writes.
 */
public final class FakeTransactionRunner implements TransactionRunner {

    private final Deque<List<Runnable>> levels = new ArrayDeque<>();
    private final List<RuntimeException> actionFailures = new ArrayList<>();
    private int commits;
    private int rollbacks;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        levels.push(new ArrayList<>());
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            levels.pop();
            rollbacks++;
            throw e;
        }
        List<Runnable> registered = levels.pop();
        if (!levels.isEmpty()) {
            levels.peek().addAll(registered);
            return result;
        }
        commits++;
        for (Runnable action : registered) {
            try {
                action.run();
            } catch (RuntimeException e) {
                actionFailures.add(e);
            }
        }
        return result;
    }

    @Override
    public boolean isActive() {
        return !levels.isEmpty();
    }

    @Override
    public void afterCommit(Runnable action) {
        if (levels.isEmpty()) {
            action.run();
        } else {
            levels.peek().add(action);
        }
    }

    /** Actions registered so far and waiting for the commit of the current transaction. */
    public int pendingAfterCommit() {
        return levels.stream().mapToInt(List::size).sum();
    }

    /** Outermost transactions that completed. */
    public int commits() {
        return commits;
    }

    /** Transactions and savepoints whose work threw. */
    public int rollbacks() {
        return rollbacks;
    }

    /** Exceptions thrown by after-commit actions (swallowed, as the contract says). */
    public List<RuntimeException> actionFailures() {
        return List.copyOf(actionFailures);
    }
}
