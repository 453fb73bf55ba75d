package dev.agenthub.it.contracts;

import dev.agenthub.hub.escalations.port.EscalationStore;
import dev.agenthub.it.support.SecondInstance;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.hub.JooqEscalationStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.escalations.EscalationStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;

/**
 * The PostgreSQL escalation store. The second instance is a store with a HikariCP pool of its own on the same
 * database, so the two share nothing but PostgreSQL, as two server processes would.
 */
@ExtendWith(TestInfrastructure.class)
class JooqEscalationStoreContractTest extends EscalationStoreContract {

    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqEscalationStore store;
    private final SecondInstance secondInstance;

    JooqEscalationStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqEscalationStore(transactions);
        secondInstance = new SecondInstance(database, "escalations-second-instance", 4);
    }

    @AfterEach
    void closeSecondInstance() {
        secondInstance.close();
    }

    @Override
    protected EscalationStore store() {
        return store;
    }

    @Override
    protected EscalationStore secondInstance() {
        return new JooqEscalationStore(secondInstance.transactions());
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "escalations-" + UUID.randomUUID());
    }

    @Override
    protected AgentId newWorkspace(ProjectId project, String alias) {
        return TestSql.insertDashboardWorkspace(dsl, project, alias);
    }

    @Override
    protected void softDelete(AgentId workspace) {
        dsl.update(WORKSPACES).set(WORKSPACES.DELETED_AT, OffsetDateTime.now())
                .where(WORKSPACES.WORKSPACE_ID.eq(workspace.value())).execute();
    }
}
