package dev.agenthub.it.contracts;

import dev.agenthub.orchestration.agents.port.AgentStore;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.persistence.orchestration.JooqAgentStore;
import dev.agenthub.persistence.orchestration.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.autopilot.AgentStoreContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@code AgentStoreContract} against the jOOQ store of the autopilot on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class JooqAutopilotAgentStoreContractTest extends AgentStoreContract {

    private final JooqTransactionRunner transactions;
    private final JooqProjectStore projects;

    JooqAutopilotAgentStoreContractTest(TestDatabase database) {
        transactions = new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        projects = new JooqProjectStore(transactions);
    }

    @Override
    protected AgentStore store() {
        return new JooqAgentStore(transactions);
    }

    @Override
    protected ProjectStore projects() {
        return projects;
    }
}
