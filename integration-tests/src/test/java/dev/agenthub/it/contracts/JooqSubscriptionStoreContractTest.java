package dev.agenthub.it.contracts;

import dev.agenthub.hub.notifications.port.SubscriptionStore;
import dev.agenthub.it.support.SecondInstance;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.hub.JooqSubscriptionStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.notifications.SubscriptionStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;

/**
 * The PostgreSQL subscription store. The second instance is a store with a HikariCP pool of its own on the same
 * database, so the two share nothing but PostgreSQL, as two server processes would.
 */
@ExtendWith(TestInfrastructure.class)
class JooqSubscriptionStoreContractTest extends SubscriptionStoreContract {

    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqSubscriptionStore store;
    private final SecondInstance secondInstance;

    JooqSubscriptionStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqSubscriptionStore(transactions);
        secondInstance = new SecondInstance(database, "subscriptions-second-instance", 4);
    }

    @AfterEach
    void closeSecondInstance() {
        secondInstance.close();
    }

    @Override
    protected SubscriptionStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected SubscriptionStore secondInstance() {
        return new JooqSubscriptionStore(secondInstance.transactions());
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "subscriptions-" + UUID.randomUUID());
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
