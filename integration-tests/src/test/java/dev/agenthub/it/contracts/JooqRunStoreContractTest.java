package dev.agenthub.it.contracts;

import dev.agenthub.it.support.AutopilotSql;
import dev.agenthub.orchestration.runs.port.RunStore;
import dev.agenthub.persistence.orchestration.JooqRunStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.autopilot.AutopilotSeeds;
import dev.agenthub.testkit.autopilot.RunStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL agent run store. */
@ExtendWith(TestInfrastructure.class)
class JooqRunStoreContractTest extends RunStoreContract {

    private final RunStore store;
    private final AutopilotSql seeds;

    JooqRunStoreContractTest(TestDatabase database) {
        DSLContext dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        store = new JooqRunStore(new JooqTransactionRunner(dsl));
        seeds = new AutopilotSql(dsl);
    }

    @Override
    protected RunStore store() {
        return store;
    }

    @Override
    protected AutopilotSeeds seeds() {
        return seeds;
    }
}
