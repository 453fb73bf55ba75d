package dev.agenthub.protocol.kernel.tx;

/**
 * The outermost transaction lost a race with a concurrent one and was rolled back entirely: a deadlock, a
 * serialization failure, or an insert of a key a concurrent transaction inserted first. Nothing it wrote was
 * kept and none of its after-commit actions ran, so the whole unit of work may be retried from its start.
 * Thrown by {@link TransactionRunner#inTransaction} implementations and by stores whose contract names it.
 */
public final class TransactionConflict extends RuntimeException {

    public TransactionConflict(String message, Throwable cause) {
        super(message, cause);
    }
}
