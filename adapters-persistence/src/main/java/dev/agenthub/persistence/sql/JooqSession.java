package dev.agenthub.persistence.sql;

import org.jooq.DSLContext;

/**
 * How a jOOQ store reaches the database: {@link #dsl()} is the calling thread's ambient transaction when
 * one is open (see {@link JooqTransactionRunner}), else a context that runs each statement in its own
 * auto-committed transaction. Stores never open transactions themselves.
 */
@FunctionalInterface
public interface JooqSession {

    DSLContext dsl();
}
