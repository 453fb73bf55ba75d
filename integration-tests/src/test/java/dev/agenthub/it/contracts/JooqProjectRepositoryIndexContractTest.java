package dev.agenthub.it.contracts;

import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.webhooks.port.ProjectRepositoryIndex;
import dev.agenthub.persistence.orchestration.JooqProjectRepositoryIndex;
import dev.agenthub.persistence.orchestration.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.autopilot.ProjectRepositoryIndexContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@code ProjectRepositoryIndexContract} against the jOOQ project store and index on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class JooqProjectRepositoryIndexContractTest extends ProjectRepositoryIndexContract {

    private final JooqProjectStore projects;
    private final JooqProjectRepositoryIndex index;

    JooqProjectRepositoryIndexContractTest(TestDatabase database) {
        JooqTransactionRunner tx = new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        projects = new JooqProjectStore(tx);
        index = new JooqProjectRepositoryIndex(tx);
    }

    @Override
    protected ProjectStore projects() {
        return projects;
    }

    @Override
    protected ProjectRepositoryIndex index() {
        return index;
    }
}
