package dev.agenthub.it.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.persistence.postgres.ConnectionPools;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A second "server instance" for a store contract's race tests: its own connection pool on the test database
 * and a transaction runner over it, opened on first use and closed after each test (so the next test opens a
 * fresh one rather than reaching a closed pool).
 */
public final class SecondInstance implements AutoCloseable {

    private final TestDatabase database;
    private final String poolName;
    private final int poolSize;
    private HikariDataSource pool;
    private JooqTransactionRunner transactions;

    public SecondInstance(TestDatabase database, String poolName, int poolSize) {
        this.database = database;
        this.poolName = poolName;
        this.poolSize = poolSize;
    }

    /** The runner over the second pool, which stores of the second instance take as their session. */
    public synchronized JooqTransactionRunner transactions() {
        if (transactions == null) {
            pool = ConnectionPools.create(poolName, database.url(), poolSize, null);
            transactions = new JooqTransactionRunner(DSL.using(pool, SQLDialect.POSTGRES));
        }
        return transactions;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
            transactions = null;
        }
    }
}
