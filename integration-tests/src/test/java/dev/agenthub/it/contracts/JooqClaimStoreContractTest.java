package dev.agenthub.it.contracts;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.it.support.SecondInstance;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.hub.JooqClaimStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.claims.ClaimStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.ZoneOffset;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.CLAIMS;

/**
 * The PostgreSQL claim store. The second instance is a store with a HikariCP pool of its own on the same
 * database, so the two share nothing but PostgreSQL, as two server processes would.
 */
@ExtendWith(TestInfrastructure.class)
class JooqClaimStoreContractTest extends ClaimStoreContract {

    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqClaimStore store;
    private final SecondInstance secondInstance;

    JooqClaimStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqClaimStore(transactions);
        secondInstance = new SecondInstance(database, "claims-second-instance", 8);
    }

    @AfterEach
    void closeSecondInstance() {
        secondInstance.close();
    }

    @Override
    protected ClaimStore store() {
        return store;
    }

    @Override
    protected ClaimStore secondInstance() {
        return new JooqClaimStore(secondInstance.transactions());
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "claims-" + UUID.randomUUID());
    }

    @Override
    protected AgentId newWorkspace(ProjectId project, String alias) {
        return TestSql.insertDashboardWorkspace(dsl, project, alias);
    }

    @Override
    protected void insertDirectly(Claim claim) {
        dsl.insertInto(CLAIMS)
                .set(CLAIMS.PROJECT_ID, claim.project().value())
                .set(CLAIMS.BEAD_ID, claim.beadId())
                .set(CLAIMS.WORKSPACE_ID, claim.workspace().value())
                .set(CLAIMS.ALIAS, claim.alias())
                .set(CLAIMS.HUMAN_NAME, claim.humanName())
                .set(CLAIMS.CLAIMED_AT, claim.claimedAt().atOffset(ZoneOffset.UTC))
                .set(CLAIMS.APEX_BEAD_ID, claim.apex().beadId())
                .set(CLAIMS.APEX_REPO_NAME, claim.apex().repo())
                .set(CLAIMS.APEX_BRANCH, claim.apex().branch())
                .execute();
    }
}
