package dev.agenthub.persistence.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.persistence.postgres.ConnectionPools;
import dev.agenthub.persistence.postgres.PostgresUrl;

import javax.sql.DataSource;

/**
 * A migrated database of its own for one test class, with a small connection pool. Resolved as a
 * parameter by {@link TestInfrastructure}; dropped when the class has run.
 */
public final class TestDatabase implements AutoCloseable {

    private final SharedPostgres server;
    private final PostgresUrl url;
    private HikariDataSource pool;

    TestDatabase(SharedPostgres server, PostgresUrl url) {
        this.server = server;
        this.url = url;
    }

    public PostgresUrl url() {
        return url;
    }

    /** A pool on this database, created on first use and closed with it. */
    public synchronized DataSource dataSource() {
        if (pool == null) {
            pool = ConnectionPools.create("test-" + Integer.toHexString(System.identityHashCode(this)), url, 16, null);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
        server.dropDatabase(url);
    }
}
