package dev.agenthub.it.contracts;

import dev.agenthub.it.support.AutopilotSql;
import dev.agenthub.it.support.SecondInstance;
import dev.agenthub.persistence.orchestration.JooqPullRequestStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.autopilot.AutopilotSeeds;
import dev.agenthub.testkit.autopilot.PullRequestStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL pull request store; the second instance has a connection pool of its own. */
@ExtendWith(TestInfrastructure.class)
class JooqPullRequestStoreContractTest extends PullRequestStoreContract {

    private final Instance instance;
    private final AutopilotSql seeds;
    private final SecondInstance second;

    JooqPullRequestStoreContractTest(TestDatabase database) {
        DSLContext dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        JooqTransactionRunner transactions = new JooqTransactionRunner(dsl);
        instance = new Instance(new JooqPullRequestStore(transactions), transactions);
        seeds = new AutopilotSql(dsl);
        second = new SecondInstance(database, "pull-requests-second-instance", 8);
    }

    @AfterEach
    void closeSecondInstance() {
        second.close();
    }

    @Override
    protected Instance instance() {
        return instance;
    }

    @Override
    protected Instance secondInstance() {
        return new Instance(new JooqPullRequestStore(second.transactions()), second.transactions());
    }

    @Override
    protected AutopilotSeeds seeds() {
        return seeds;
    }
}
