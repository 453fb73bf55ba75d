package dev.agenthub.persistence.hub;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.hub.Tables.REPOS;
import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link RepoStore} on PostgreSQL. {@link #ensure} is one {@code INSERT … ON CONFLICT (project_id,
 * canonical_origin) DO UPDATE} that undeletes and takes the new origin URL: PostgreSQL's row lock on the
 * unique index entry serialises racing callers, and {@code xmax = 0} on the returned row tells the one that
 * inserted. Every read joins {@code protocol.projects} so that repos of deleted projects are never live.
 */
public final class JooqRepoStore implements RepoStore {

    private static final Field<Boolean> INSERTED = DSL.field("(xmax = 0)", Boolean.class).as("inserted");
    private static final List<SelectField<?>> COLUMNS = List.of(REPOS.REPO_ID, REPOS.PROJECT_ID, REPOS.ORIGIN_URL,
            REPOS.CANONICAL_ORIGIN, REPOS.CREATED_AT, REPOS.DELETED_AT);

    private final JooqSession session;

    public JooqRepoStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Ensured ensure(Repo candidate) {
        List<SelectField<?>> returning = new ArrayList<>(COLUMNS);
        returning.add(INSERTED);
        Record row = session.dsl().insertInto(REPOS)
                .set(REPOS.REPO_ID, candidate.id().value())
                .set(REPOS.PROJECT_ID, candidate.project().value())
                .set(REPOS.ORIGIN_URL, candidate.originUrl())
                .set(REPOS.CANONICAL_ORIGIN, candidate.canonicalOrigin().value())
                .set(REPOS.NAME, candidate.name())
                .set(REPOS.CREATED_AT, utc(candidate.createdAt()))
                .onConflict(REPOS.PROJECT_ID, REPOS.CANONICAL_ORIGIN)
                .doUpdate()
                .set(REPOS.ORIGIN_URL, DSL.excluded(REPOS.ORIGIN_URL))
                .set(REPOS.DELETED_AT, (OffsetDateTime) null)
                .returningResult(returning)
                .fetchOne();
        if (row == null) {
            throw new IllegalStateException("ensure of " + candidate.canonicalOrigin() + " returned no row");
        }
        return new Ensured(toRepo(row), Boolean.TRUE.equals(row.get(INSERTED)));
    }

    private static Condition live() {
        return REPOS.DELETED_AT.isNull().and(PROJECTS.DELETED_AT.isNull());
    }

    @Override
    public List<Located> findByCanonicalOrigin(CanonicalOrigin origin) {
        List<SelectField<?>> fields = new ArrayList<>(COLUMNS);
        fields.add(PROJECTS.SLUG);
        return session.dsl().select(fields)
                .from(REPOS).join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(REPOS.PROJECT_ID))
                .where(REPOS.CANONICAL_ORIGIN.eq(origin.value()), live())
                .fetch(row -> new Located(toRepo(row), row.get(PROJECTS.SLUG)));
    }

    @Override
    public Optional<Repo> findByCanonicalOrigin(ProjectId project, CanonicalOrigin origin) {
        return session.dsl().select(COLUMNS)
                .from(REPOS).join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(REPOS.PROJECT_ID))
                .where(REPOS.PROJECT_ID.eq(project.value()), REPOS.CANONICAL_ORIGIN.eq(origin.value()), live())
                .fetchOptional(JooqRepoStore::toRepo);
    }

    @Override
    public Optional<Repo> find(ProjectId project, RepoId id) {
        return session.dsl().select(COLUMNS)
                .from(REPOS).join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(REPOS.PROJECT_ID))
                .where(REPOS.REPO_ID.eq(id.value()), REPOS.PROJECT_ID.eq(project.value()), live())
                .fetchOptional(JooqRepoStore::toRepo);
    }

    @Override
    public Optional<Repo> findAnyState(RepoId id) {
        return session.dsl().select(COLUMNS).from(REPOS).where(REPOS.REPO_ID.eq(id.value()))
                .fetchOptional(JooqRepoStore::toRepo);
    }

    @Override
    public List<Repo> list(ProjectId project, Instant afterCreated, RepoId afterId, int fetchSize) {
        if ((afterCreated == null) != (afterId == null)) {
            throw new IllegalArgumentException("afterCreated and afterId go together");
        }
        Condition where = live();
        if (project != null) {
            where = where.and(REPOS.PROJECT_ID.eq(project.value()));
        }
        if (afterCreated != null) {
            where = where.and(DSL.row(REPOS.CREATED_AT, REPOS.REPO_ID).gt(utc(afterCreated), afterId.value()));
        }
        return session.dsl().select(COLUMNS)
                .from(REPOS).join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(REPOS.PROJECT_ID))
                .where(where)
                .orderBy(REPOS.CREATED_AT, REPOS.REPO_ID)
                .limit(fetchSize)
                .fetch(JooqRepoStore::toRepo);
    }

    @Override
    public boolean softDelete(ProjectId project, RepoId id, Instant now) {
        return session.dsl().update(REPOS)
                .set(REPOS.DELETED_AT, utc(now))
                .where(REPOS.REPO_ID.eq(id.value()), REPOS.PROJECT_ID.eq(project.value()), REPOS.DELETED_AT.isNull())
                .execute() == 1;
    }

    private static Repo toRepo(Record row) {
        return new Repo(new RepoId(row.get(REPOS.REPO_ID)), new ProjectId(row.get(REPOS.PROJECT_ID)),
                row.get(REPOS.ORIGIN_URL), new CanonicalOrigin(row.get(REPOS.CANONICAL_ORIGIN)),
                instant(row.get(REPOS.CREATED_AT)), instant(row.get(REPOS.DELETED_AT)));
    }
}
