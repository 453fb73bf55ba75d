package dev.agenthub.it.contracts;

import dev.agenthub.persistence.protocol.JooqAgentStore;
import dev.agenthub.persistence.protocol.JooqApiKeyStore;
import dev.agenthub.persistence.protocol.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.projects.port.ProjectStore;
import dev.agenthub.testkit.identity.IdentityStoresContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL identity stores; outside a transaction every call runs on a pooled connection of its own. */
@ExtendWith(TestInfrastructure.class)
class JooqIdentityStoresContractTest extends IdentityStoresContract {

    private final JooqProjectStore projects;
    private final JooqAgentStore agents;
    private final JooqApiKeyStore keys;

    JooqIdentityStoresContractTest(TestDatabase database) {
        JooqTransactionRunner session = new JooqTransactionRunner(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        projects = new JooqProjectStore(session);
        agents = new JooqAgentStore(session);
        keys = new JooqApiKeyStore(session);
    }

    @Override
    protected ProjectStore projects() {
        return projects;
    }

    @Override
    protected AgentStore agents() {
        return agents;
    }

    @Override
    protected ApiKeyStore keys() {
        return keys;
    }
}
