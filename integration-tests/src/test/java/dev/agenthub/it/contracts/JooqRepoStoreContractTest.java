package dev.agenthub.it.contracts;

import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.persistence.hub.JooqRepoStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.testkit.repos.RepoStoreContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;

import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;

/** The PostgreSQL repo store, with the pool's connections standing in for concurrent instances. */
@ExtendWith(TestInfrastructure.class)
class JooqRepoStoreContractTest extends RepoStoreContract {

    private final DSLContext dsl;
    private final JooqRepoStore store;

    JooqRepoStoreContractTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        store = new JooqRepoStore(new JooqTransactionRunner(dsl));
    }

    @Override
    protected RepoStore store() {
        return store;
    }

    @Override
    protected ProjectId newProject(String slug) {
        return TestSql.insertProject(dsl, slug);
    }

    @Override
    protected void deleteProject(ProjectId project) {
        dsl.update(PROJECTS).set(PROJECTS.DELETED_AT, OffsetDateTime.now())
                .where(PROJECTS.PROJECT_ID.eq(project.value())).execute();
    }
}
