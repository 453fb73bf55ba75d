package dev.agenthub.it.contracts;

import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.persistence.orchestration.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.autopilot.ProjectStoreContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@code ProjectStoreContract} against the jOOQ store of the autopilot on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class JooqAutopilotProjectStoreContractTest extends ProjectStoreContract {

    private final JooqTransactionRunner transactions;
    private final JooqProjectStore projects;

    JooqAutopilotProjectStoreContractTest(TestDatabase database) {
        transactions = new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        projects = new JooqProjectStore(transactions);
    }

    @Override
    protected ProjectStore store() {
        return projects;
    }
}
