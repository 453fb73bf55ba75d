package dev.agenthub.it.contracts;

import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.hub.JooqBeadStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.beads.BeadStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

/** The PostgreSQL bead store, joining the transactions of a jOOQ runner on the test database's pool. */
@ExtendWith(TestInfrastructure.class)
class JooqBeadStoreContractTest extends BeadStoreContract {

    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqBeadStore store;

    JooqBeadStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqBeadStore(transactions);
    }

    @Override
    protected BeadStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "beads-" + UUID.randomUUID());
    }
}
