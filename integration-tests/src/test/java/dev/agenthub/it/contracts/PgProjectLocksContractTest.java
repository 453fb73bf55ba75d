package dev.agenthub.it.contracts;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.orchestration.git.port.ProjectLocks;
import dev.agenthub.persistence.postgres.ConnectionPools;
import dev.agenthub.persistence.postgres.PgProjectLocks;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.git.ProjectLocksContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL project locks: two instances on two separate pools to one database stand for two servers. */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgProjectLocksContractTest extends ProjectLocksContract {

    private final HikariDataSource poolA;
    private final HikariDataSource poolB;
    private final ProjectLocks serverA;
    private final ProjectLocks serverB;

    PgProjectLocksContractTest(TestDatabase database) {
        poolA = ConnectionPools.create("locks-a", database.url(), 8, null);
        poolB = ConnectionPools.create("locks-b", database.url(), 8, null);
        serverA = new PgProjectLocks(poolA);
        serverB = new PgProjectLocks(poolB);
    }

    @AfterAll
    void closePools() {
        poolA.close();
        poolB.close();
    }

    @Override
    protected ProjectLocks firstServer() {
        return serverA;
    }

    @Override
    protected ProjectLocks secondServer() {
        return serverB;
    }

    @Test
    void theLockIsASessionAdvisoryLockInItsOwnKeyClassHeldOnlyWhileTheWorkRuns() {
        long project = newProjectId();
        long held = serverA.exclusively(project, Duration.ofSeconds(5), () -> advisoryLocks(project));
        assertThat(held).isEqualTo(1);
        assertThat(advisoryLocks(project)).isZero();
    }

    /** Granted advisory locks of class {@link PgProjectLocks#PROJECT_GIT_LOCKS} on {@code project}, seen from poolB. */
    private long advisoryLocks(long project) {
        try (Connection connection = poolB.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND classid = (?::bigint & 4294967295)::oid AND objid = ?::oid AND objsubid = 2")) {
            query.setLong(1, PgProjectLocks.PROJECT_GIT_LOCKS);
            query.setLong(2, project);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
