package dev.agenthub.it.contracts;

import dev.agenthub.hub.notifications.port.OutboxStore;
import dev.agenthub.it.support.SecondInstance;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.hub.JooqOutboxStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.notifications.OutboxStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

/**
 * The PostgreSQL outbox store. The second instance is a store with a HikariCP pool of its own on the same
 * database, so the two share nothing but PostgreSQL, as two server processes would.
 */
@ExtendWith(TestInfrastructure.class)
class JooqOutboxStoreContractTest extends OutboxStoreContract {

    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqOutboxStore store;
    private final SecondInstance secondInstance;

    JooqOutboxStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqOutboxStore(transactions);
        secondInstance = new SecondInstance(database, "outbox-second-instance", 4);
    }

    @AfterEach
    void closeSecondInstance() {
        secondInstance.close();
    }

    @Override
    protected OutboxStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected OutboxStore secondInstance() {
        return new JooqOutboxStore(secondInstance.transactions());
    }

    @Override
    protected TransactionRunner secondTransactions() {
        return secondInstance.transactions();
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "outbox-" + UUID.randomUUID());
    }
}
