package dev.agenthub.it.contracts;

import dev.agenthub.it.support.AutopilotSql;
import dev.agenthub.it.support.SecondInstance;
import dev.agenthub.orchestration.jobs.port.JobStore;
import dev.agenthub.persistence.orchestration.JooqJobStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.autopilot.AutopilotSeeds;
import dev.agenthub.testkit.autopilot.JobStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL autopilot job store; the second instance has a connection pool of its own. */
@ExtendWith(TestInfrastructure.class)
class JooqJobStoreContractTest extends JobStoreContract {

    private final JobStore store;
    private final AutopilotSql seeds;
    private final SecondInstance second;
    private final JobStore secondStore;

    JooqJobStoreContractTest(TestDatabase database) {
        DSLContext dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        store = new JooqJobStore(new JooqTransactionRunner(dsl));
        seeds = new AutopilotSql(dsl);
        second = new SecondInstance(database, "jobs-second-instance", 8);
        secondStore = new JooqJobStore(second.transactions());
    }

    @AfterEach
    void closeSecondInstance() {
        second.close();
    }

    @Override
    protected JobStore store() {
        return store;
    }

    @Override
    protected JobStore secondStore() {
        return secondStore;
    }

    @Override
    protected AutopilotSeeds seeds() {
        return seeds;
    }
}
