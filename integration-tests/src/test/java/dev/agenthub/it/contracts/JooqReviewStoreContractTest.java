package dev.agenthub.it.contracts;

import dev.agenthub.it.support.AutopilotSql;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.pulls.port.ReviewStore;
import dev.agenthub.persistence.orchestration.JooqPullRequestStore;
import dev.agenthub.persistence.orchestration.JooqReviewStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.autopilot.AutopilotSeeds;
import dev.agenthub.testkit.autopilot.ReviewStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL review store. */
@ExtendWith(TestInfrastructure.class)
class JooqReviewStoreContractTest extends ReviewStoreContract {

    private final ReviewStore store;
    private final PullRequestStore pullRequests;
    private final AutopilotSql seeds;

    JooqReviewStoreContractTest(TestDatabase database) {
        DSLContext dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        JooqTransactionRunner transactions = new JooqTransactionRunner(dsl);
        store = new JooqReviewStore(transactions);
        pullRequests = new JooqPullRequestStore(transactions);
        seeds = new AutopilotSql(dsl);
    }

    @Override
    protected ReviewStore store() {
        return store;
    }

    @Override
    protected PullRequestStore pullRequests() {
        return pullRequests;
    }

    @Override
    protected AutopilotSeeds seeds() {
        return seeds;
    }
}
