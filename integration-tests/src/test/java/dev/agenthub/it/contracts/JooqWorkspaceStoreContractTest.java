package dev.agenthub.it.contracts;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.persistence.hub.JooqClaimStore;
import dev.agenthub.persistence.hub.JooqWorkspaceStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.workspaces.WorkspaceStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.REPOS;
import static dev.agenthub.persistence.jooq.protocol.Tables.AGENTS;

/** The PostgreSQL workspace store, with the pool's connections standing in for concurrent instances. */
@ExtendWith(TestInfrastructure.class)
class JooqWorkspaceStoreContractTest extends WorkspaceStoreContract {

    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqWorkspaceStore store;
    private final JooqClaimStore claims;

    JooqWorkspaceStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        transactions = new JooqTransactionRunner(dsl);
        store = new JooqWorkspaceStore(transactions);
        claims = new JooqClaimStore(transactions);
    }

    @Override
    protected WorkspaceStore store() {
        return store;
    }

    @Override
    protected ProjectId newProject() {
        return TestSql.insertProject(dsl, "ws-" + UUID.randomUUID());
    }

    @Override
    protected AgentId newAgent(ProjectId project, String alias) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(AGENTS)
                .set(AGENTS.AGENT_ID, id)
                .set(AGENTS.PROJECT_ID, project.value())
                .set(AGENTS.ALIAS, alias)
                .set(AGENTS.LIFETIME, "ephemeral")
                .set(AGENTS.CREATED_AT, OffsetDateTime.now())
                .execute();
        return new AgentId(id);
    }

    @Override
    protected RepoId newRepo(ProjectId project) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(REPOS)
                .set(REPOS.REPO_ID, id)
                .set(REPOS.PROJECT_ID, project.value())
                .set(REPOS.ORIGIN_URL, "https://github.com/org/r-" + id + ".git")
                .set(REPOS.CANONICAL_ORIGIN, "github.com/org/r-" + id)
                .set(REPOS.NAME, "r-" + id)
                .set(REPOS.CREATED_AT, OffsetDateTime.now())
                .execute();
        return new RepoId(id);
    }

    @Override
    protected void hardDeleteRepo(RepoId repo) {
        dsl.deleteFrom(REPOS).where(REPOS.REPO_ID.eq(repo.value())).execute();
    }

    @Override
    protected String canonicalOrigin(RepoId repo) {
        return dsl.select(REPOS.CANONICAL_ORIGIN).from(REPOS).where(REPOS.REPO_ID.eq(repo.value())).fetchSingle()
                .value1();
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected void recordClaim(ProjectId project, AgentId workspace, String beadId, Instant claimedAt) {
        claims.claim(new Claim(project, beadId, workspace, "claimant", "", claimedAt, Claim.Apex.NONE));
    }
}
