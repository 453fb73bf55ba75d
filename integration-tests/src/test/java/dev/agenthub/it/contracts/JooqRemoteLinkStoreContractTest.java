package dev.agenthub.it.contracts;

import dev.agenthub.it.support.AutopilotSql;
import dev.agenthub.persistence.orchestration.JooqPullRequestStore;
import dev.agenthub.persistence.orchestration.JooqRemoteLinkStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.autopilot.AutopilotSeeds;
import dev.agenthub.testkit.autopilot.RemoteLinkStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL forge link store. */
@ExtendWith(TestInfrastructure.class)
class JooqRemoteLinkStoreContractTest extends RemoteLinkStoreContract {

    private final Instance instance;
    private final AutopilotSql seeds;

    JooqRemoteLinkStoreContractTest(TestDatabase database) {
        DSLContext dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        JooqTransactionRunner transactions = new JooqTransactionRunner(dsl);
        instance = new Instance(new JooqRemoteLinkStore(transactions), new JooqPullRequestStore(transactions),
                transactions);
        seeds = new AutopilotSql(dsl);
    }

    @Override
    protected Instance instance() {
        return instance;
    }

    @Override
    protected AutopilotSeeds seeds() {
        return seeds;
    }
}
