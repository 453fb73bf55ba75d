package dev.agenthub.it.contracts;

import dev.agenthub.hub.policies.port.PolicyStore;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.hub.JooqPolicyStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.policies.PolicyStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

/** The PostgreSQL policy store, with the pool's connections standing in for concurrent instances. */
@ExtendWith(TestInfrastructure.class)
class JooqPolicyStoreContractTest extends PolicyStoreContract {

    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqPolicyStore store;

    JooqPolicyStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqPolicyStore(transactions);
    }

    @Override
    protected PolicyStore store() {
        return store;
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "pol-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
