package dev.agenthub.it.contracts;

import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.persistence.orchestration.JooqPolicyStore;
import dev.agenthub.persistence.orchestration.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.autopilot.PolicyStoreContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@code PolicyStoreContract} against the jOOQ store of the autopilot on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class JooqAutopilotPolicyStoreContractTest extends PolicyStoreContract {

    private final JooqTransactionRunner transactions;
    private final JooqProjectStore projects;

    JooqAutopilotPolicyStoreContractTest(TestDatabase database) {
        transactions = new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        projects = new JooqProjectStore(transactions);
    }

    @Override
    protected PolicyStore store() {
        return new JooqPolicyStore(transactions);
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected ProjectStore projects() {
        return projects;
    }
}
