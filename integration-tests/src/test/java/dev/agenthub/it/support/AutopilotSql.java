package dev.agenthub.it.support;

import dev.agenthub.testkit.autopilot.AutopilotSeeds;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.orchestration.Tables.AGENTS;
import static dev.agenthub.persistence.jooq.orchestration.Tables.PROJECTS;
import static dev.agenthub.persistence.jooq.orchestration.Tables.WORK_ITEMS;

/** Seeds of the autopilot store contracts, written straight into the {@code orchestration} tables. */
public final class AutopilotSql implements AutopilotSeeds {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 1, 11, 0, 0, 0, ZoneOffset.UTC);

    private final DSLContext dsl;

    public AutopilotSql(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long newProject() {
        return dsl.insertInto(PROJECTS)
                .set(PROJECTS.NAME, "p-" + UUID.randomUUID())
                .set(PROJECTS.REPO_URL, "https://example.com/org/repo.git")
                .set(PROJECTS.DEFAULT_BRANCH, "main")
                .set(PROJECTS.CREATED_AT, AT)
                .returning(PROJECTS.ID)
                .fetchOne()
                .getId();
    }

    @Override
    public long newAgent(long projectId, int maxParallelTasks) {
        return dsl.insertInto(AGENTS)
                .set(AGENTS.PROJECT_ID, projectId)
                .set(AGENTS.NAME, "Forge Coder")
                .set(AGENTS.ROLE, "coder")
                .set(AGENTS.STATUS, "active")
                .set(AGENTS.MAX_PARALLEL_TASKS, maxParallelTasks)
                .set(AGENTS.CAPABILITIES, "")
                .set(AGENTS.CREATED_AT, AT)
                .returning(AGENTS.ID)
                .fetchOne()
                .getId();
    }

    @Override
    public long newWorkItem(long projectId) {
        return dsl.insertInto(WORK_ITEMS)
                .set(WORK_ITEMS.PROJECT_ID, projectId)
                .set(WORK_ITEMS.TITLE, "Scope: seeded")
                .set(WORK_ITEMS.DESCRIPTION, "")
                .set(WORK_ITEMS.STATUS, "backlog")
                .set(WORK_ITEMS.PRIORITY, 1)
                .set(WORK_ITEMS.CREATED_BY, "system")
                .set(WORK_ITEMS.SOURCE_OBJECTIVE, "seeded")
                .set(WORK_ITEMS.CREATED_AT, AT)
                .set(WORK_ITEMS.UPDATED_AT, AT)
                .returning(WORK_ITEMS.ID)
                .fetchOne()
                .getId();
    }
}
