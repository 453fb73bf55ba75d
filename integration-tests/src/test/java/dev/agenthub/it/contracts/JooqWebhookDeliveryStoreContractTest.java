package dev.agenthub.it.contracts;

import dev.agenthub.orchestration.webhooks.port.WebhookDeliveryStore;
import dev.agenthub.persistence.orchestration.JooqWebhookDeliveryStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.testkit.autopilot.WebhookDeliveryStoreContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's {@code WebhookDeliveryStoreContract} against the jOOQ store on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class JooqWebhookDeliveryStoreContractTest extends WebhookDeliveryStoreContract {

    private final JooqWebhookDeliveryStore store;

    JooqWebhookDeliveryStoreContractTest(TestDatabase database) {
        store = new JooqWebhookDeliveryStore(new JooqTransactionRunner(DSL.using(database.dataSource(),
                SQLDialect.POSTGRES)));
    }

    @Override
    protected WebhookDeliveryStore store() {
        return store;
    }
}
