package dev.agenthub.persistence.sql;

import org.jooq.DSLContext;

/**
 * How a jOOQ store reaches the database: {@link #dsl()} is the calling thread's ambient transaction when
 * one is open (see {@link JooqTransactionRunner}), else a context that runs each statement in its own
 * auto-committed transaction. Stores never open transactions themselves, with one exception: a write that
 * must be atomic on its own (a claim under its advisory lock, a restore that may trip a unique index) runs in
 * {@code dsl().transactionResult(…)}, which is a savepoint of the ambient transaction when there is one and a
 * transaction of its own otherwise.
 */
@FunctionalInterface
public interface JooqSession {

    DSLContext dsl();
}
