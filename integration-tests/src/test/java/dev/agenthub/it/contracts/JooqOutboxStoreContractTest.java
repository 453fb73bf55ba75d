package dev.agenthub.it.contracts;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.hub.notifications.port.OutboxStore;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.hub.JooqOutboxStore;
import dev.agenthub.persistence.postgres.ConnectionPools;
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

    private final TestDatabase database;
    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqOutboxStore store;
    private HikariDataSource secondPool;
    private JooqTransactionRunner secondTransactions;
    private JooqOutboxStore second;

    JooqOutboxStoreContractTest(TestDatabase database) {
        this.database = database;
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqOutboxStore(transactions);
    }

    @AfterEach
    void closeSecondInstance() {
        if (secondPool != null) {
            secondPool.close();
            secondPool = null;
            second = null;
        }
    }

    @Override
    protected OutboxStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    private synchronized void openSecond() {
        if (second == null) {
            secondPool = ConnectionPools.create("outbox-second-instance", database.url(), 4, null);
            secondTransactions = new JooqTransactionRunner(DSL.using(secondPool, SQLDialect.POSTGRES));
            second = new JooqOutboxStore(secondTransactions);
        }
    }

    @Override
    protected OutboxStore secondInstance() {
        openSecond();
        return second;
    }

    @Override
    protected TransactionRunner secondTransactions() {
        openSecond();
        return secondTransactions;
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "outbox-" + UUID.randomUUID());
    }
}
