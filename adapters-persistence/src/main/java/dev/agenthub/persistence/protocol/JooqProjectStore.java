package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.ProjectsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.util.Optional;

import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ProjectStore} on PostgreSQL. {@link #ensure} is an {@code INSERT … ON CONFLICT DO NOTHING} against
 * the partial unique index of live slugs, followed by a read: racing callers wait on the index entry, and
 * all see the one row that won.
 */
public final class JooqProjectStore implements ProjectStore {

    private final JooqSession session;

    public JooqProjectStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Optional<Project> find(ProjectId id) {
        return session.dsl().selectFrom(PROJECTS)
                .where(PROJECTS.PROJECT_ID.eq(id.value()), PROJECTS.DELETED_AT.isNull())
                .fetchOptional(JooqProjectStore::toProject);
    }

    @Override
    public Optional<Project> findBySlug(String slug) {
        return session.dsl().selectFrom(PROJECTS)
                .where(PROJECTS.SLUG.eq(slug), PROJECTS.TENANT_ID.isNull(), PROJECTS.DELETED_AT.isNull())
                .fetchOptional(JooqProjectStore::toProject);
    }

    @Override
    public Project ensure(Project candidate) {
        if (candidate.tenantId() != null) {
            throw new IllegalArgumentException("ensure creates standalone projects only");
        }
        session.dsl().insertInto(PROJECTS)
                .set(PROJECTS.PROJECT_ID, candidate.id().value())
                .set(PROJECTS.SLUG, candidate.slug())
                .set(PROJECTS.NAME, candidate.name())
                .set(PROJECTS.TENANT_ID, candidate.tenantId())
                .set(PROJECTS.VISIBILITY, candidate.visibility())
                .set(PROJECTS.CREATED_AT, utc(candidate.createdAt()))
                .onConflict(PROJECTS.SLUG).where(PROJECTS.TENANT_ID.isNull(), PROJECTS.DELETED_AT.isNull())
                .doNothing()
                .execute();
        return findBySlug(candidate.slug())
                .orElseThrow(() -> new IllegalStateException("project " + candidate.slug() + " vanished while being ensured"));
    }

    @Override
    public boolean softDelete(ProjectId id, java.time.Instant now) {
        return session.dsl().update(PROJECTS)
                .set(PROJECTS.DELETED_AT, utc(now))
                .where(PROJECTS.PROJECT_ID.eq(id.value()), PROJECTS.DELETED_AT.isNull())
                .execute() == 1;
    }

    static Project toProject(ProjectsRecord row) {
        return new Project(new ProjectId(row.getProjectId()), row.getSlug(), row.getName(), row.getTenantId(),
                row.getVisibility(), instant(row.getCreatedAt()));
    }
}
