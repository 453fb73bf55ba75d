package dev.agenthub.it.contracts;

import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.persistence.orchestration.JooqEventLog;
import dev.agenthub.persistence.orchestration.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.autopilot.EventLogContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@code EventLogContract} against the jOOQ store of the autopilot on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class JooqAutopilotEventLogContractTest extends EventLogContract {

    private final JooqTransactionRunner transactions;
    private final JooqProjectStore projects;

    JooqAutopilotEventLogContractTest(TestDatabase database) {
        transactions = new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        projects = new JooqProjectStore(transactions);
    }

    @Override
    protected EventLog log() {
        return new JooqEventLog(transactions);
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
