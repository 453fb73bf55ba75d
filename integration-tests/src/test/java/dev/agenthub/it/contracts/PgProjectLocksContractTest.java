package dev.agenthub.it.contracts;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.orchestration.git.port.ProjectLocks;
import dev.agenthub.persistence.postgres.ConnectionPools;
import dev.agenthub.persistence.postgres.PgProjectLocks;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.git.ProjectLocksContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

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
}
