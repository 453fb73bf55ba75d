package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.webhooks.GitHubRepositories;
import dev.agenthub.persistence.jooq.orchestration.tables.records.ProjectsRecord;
import dev.agenthub.persistence.sql.JooqSession;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.PROJECTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ProjectStore} on PostgreSQL. A duplicate name is {@code INSERT … ON CONFLICT (name) DO NOTHING}: a racing
 * insert of the same name waits on the unique index and then inserts nothing, so the loser sees an empty result
 * rather than an exception (and its transaction stays usable).
 */
public final class JooqProjectStore implements ProjectStore {

    private final JooqSession session;

    public JooqProjectStore(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Optional<Project> insert(String name, String repoUrl, String defaultBranch, Instant createdAt) {
        return session.dsl().insertInto(PROJECTS)
                .set(PROJECTS.NAME, name)
                .set(PROJECTS.REPO_URL, repoUrl)
                .set(PROJECTS.DEFAULT_BRANCH, defaultBranch)
                .set(PROJECTS.CREATED_AT, utc(createdAt))
                // the repository keys of the GitHub webhook's project matching (agenthub §9.4)
                .set(PROJECTS.GITHUB_IDENTITY, GitHubRepositories.identityOfLocator(repoUrl).orElse(null))
                .set(PROJECTS.REPO_LOCATOR, GitHubRepositories.normaliseLocator(repoUrl))
                .onConflict(PROJECTS.NAME).doNothing()
                .returning()
                .fetchOptional()
                .map(JooqProjectStore::toProject);
    }

    @Override
    public Optional<Project> find(long id) {
        return session.dsl().selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).fetchOptional(JooqProjectStore::toProject);
    }

    @Override
    public List<Project> list(PageSlice page) {
        return session.dsl().selectFrom(PROJECTS)
                .orderBy(PROJECTS.CREATED_AT.desc(), PROJECTS.ID.desc())
                .limit(page.limit()).offset(page.offset())
                .fetch(JooqProjectStore::toProject);
    }

    private static Project toProject(ProjectsRecord row) {
        return new Project(row.getId(), row.getName(), row.getRepoUrl(), row.getDefaultBranch(),
                instant(row.getCreatedAt()));
    }
}
