package dev.agenthub.persistence.sql;

import dev.agenthub.protocol.kernel.tx.TransactionConflict;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link TransactionRunner} on jOOQ's {@code transactionResult}: the outermost call opens a database
 * transaction, nested calls become savepoints of it, and the per-thread ambient context is what
 * {@link #dsl()} hands to stores, so they join without a connection being passed around.
 */
public final class JooqTransactionRunner implements TransactionRunner, JooqSession {

    private static final Logger log = LoggerFactory.getLogger(JooqTransactionRunner.class);

    /** SQLSTATEs of a transaction the database aborted for a concurrent one: deadlock, serialization failure. */
    private static final java.util.Set<String> RETRYABLE = java.util.Set.of("40P01", "40001");

    private final DSLContext root;
    /** The innermost open transaction or savepoint of each thread; per instance, so hubs never share it. */
    private final ThreadLocal<Frame> current = new ThreadLocal<>();

    public JooqTransactionRunner(DSLContext root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    public DSLContext dsl() {
        Frame frame = current.get();
        return frame == null ? root : frame.dsl;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Frame parent = current.get();
        DSLContext base = parent == null ? root : parent.dsl;
        List<Runnable> registered = new ArrayList<>();
        T result;
        try {
            result = base.transactionResult(configuration -> {
                current.set(new Frame(configuration.dsl(), registered));
                try {
                    return work.get();
                } finally {
                    if (parent == null) {
                        current.remove();
                    } else {
                        current.set(parent);
                    }
                }
            });
        } catch (org.jooq.exception.DataAccessException aborted) {
            if (parent == null && RETRYABLE.contains(aborted.sqlState())) {
                throw new TransactionConflict("the transaction was aborted by a concurrent one ("
                        + aborted.sqlState() + ")", aborted);
            }
            throw aborted;
        }
        if (parent != null) {
            parent.afterCommit.addAll(registered); // the savepoint held; its actions wait for the outer commit
        } else {
            registered.forEach(JooqTransactionRunner::runQuietly);
        }
        return result;
    }

    @Override
    public boolean isActive() {
        return current.get() != null;
    }

    @Override
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        Frame frame = current.get();
        if (frame == null) {
            runQuietly(action);
        } else {
            frame.afterCommit.add(action);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            log.error("after-commit action failed", e);
        }
    }

    private record Frame(DSLContext dsl, List<Runnable> afterCommit) {
    }
}
