package dev.agenthub.persistence.hub;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.persistence.jooq.hub.tables.records.WorkspacesRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.CLAIMS;
import static dev.agenthub.persistence.jooq.hub.Tables.REPOS;
import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link WorkspaceStore} on PostgreSQL. {@link #insert} is an {@code INSERT … ON CONFLICT DO NOTHING} without
 * an arbiter, so both a reused id (the primary key) and a live alias taken concurrently (the partial unique
 * index) are a value, never an aborted transaction. No statement sets the immutable links (project, alias,
 * type, repo) of an existing row. {@link #restore} checks the live alias in its own statement and runs under a
 * savepoint, so a concurrent taker of the alias tripping the partial unique index is an empty answer, and the
 * caller's transaction goes on.
 */
public final class JooqWorkspaceStore implements WorkspaceStore {

    private final JooqSession session;

    public JooqWorkspaceStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public boolean insert(Workspace workspace) {
        return session.dsl().insertInto(WORKSPACES)
                .set(WORKSPACES.WORKSPACE_ID, workspace.id().value())
                .set(WORKSPACES.PROJECT_ID, workspace.project().value())
                .set(WORKSPACES.REPO_ID, workspace.repo() == null ? null : workspace.repo().value())
                .set(WORKSPACES.ALIAS, workspace.alias())
                .set(WORKSPACES.HUMAN_NAME, workspace.humanName())
                .set(WORKSPACES.ROLE, workspace.role())
                .set(WORKSPACES.CURRENT_BRANCH, workspace.currentBranch())
                .set(WORKSPACES.TIMEZONE, workspace.timezone())
                .set(WORKSPACES.HOSTNAME, workspace.hostname())
                .set(WORKSPACES.WORKSPACE_PATH, workspace.workspacePath())
                .set(WORKSPACES.FOCUS_APEX_BEAD_ID, workspace.focus().apexBeadId())
                .set(WORKSPACES.FOCUS_APEX_REPO_NAME, workspace.focus().apexRepoName())
                .set(WORKSPACES.FOCUS_APEX_BRANCH, workspace.focus().apexBranch())
                .set(WORKSPACES.FOCUS_UPDATED_AT, utc(workspace.focus().updatedAt()))
                .set(WORKSPACES.WORKSPACE_TYPE, workspace.type().wire())
                .set(WORKSPACES.CREATED_AT, utc(workspace.createdAt()))
                .set(WORKSPACES.UPDATED_AT, utc(workspace.updatedAt()))
                .set(WORKSPACES.LAST_SEEN_AT, utc(workspace.lastSeenAt()))
                .set(WORKSPACES.DELETED_AT, utc(workspace.deletedAt()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<Workspace> find(AgentId id) {
        return session.dsl().selectFrom(WORKSPACES)
                .where(WORKSPACES.WORKSPACE_ID.eq(id.value()))
                .fetchOptional(JooqWorkspaceStore::toWorkspace);
    }

    @Override
    public Optional<Workspace> reinitialise(AgentId id, String humanName, String hostname, String workspacePath,
                                            String role, Instant now) {
        return session.dsl().update(WORKSPACES)
                .set(WORKSPACES.HUMAN_NAME, humanName)
                .set(WORKSPACES.HOSTNAME, hostname)
                .set(WORKSPACES.WORKSPACE_PATH, workspacePath)
                .set(WORKSPACES.ROLE, role == null ? WORKSPACES.ROLE : DSL.val(role))
                .set(WORKSPACES.DELETED_AT, (OffsetDateTime) null)
                .set(WORKSPACES.UPDATED_AT, utc(now))
                .where(WORKSPACES.WORKSPACE_ID.eq(id.value()))
                .returning()
                .fetchOptional()
                .map(JooqWorkspaceStore::toWorkspace);
    }

    @Override
    public boolean softDelete(AgentId id, Instant now) {
        return session.dsl().update(WORKSPACES)
                .set(WORKSPACES.DELETED_AT, utc(now))
                .set(WORKSPACES.UPDATED_AT, utc(now))
                .where(WORKSPACES.WORKSPACE_ID.eq(id.value()), WORKSPACES.DELETED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public List<Workspace> softDeleteOfRepo(ProjectId project, RepoId repo, Instant now) {
        return session.dsl().update(WORKSPACES)
                .set(WORKSPACES.DELETED_AT, utc(now))
                .set(WORKSPACES.UPDATED_AT, utc(now))
                .where(WORKSPACES.PROJECT_ID.eq(project.value()), WORKSPACES.REPO_ID.eq(repo.value()),
                        WORKSPACES.DELETED_AT.isNull())
                .returning()
                .fetch()
                .map(JooqWorkspaceStore::toWorkspace);
    }

    @Override
    public Map<RepoId, Integer> liveCounts(Collection<RepoId> repos) {
        Map<RepoId, Integer> counts = new HashMap<>();
        repos.forEach(repo -> counts.put(repo, 0));
        if (repos.isEmpty()) {
            return counts;
        }
        List<UUID> ids = repos.stream().map(RepoId::value).toList();
        session.dsl().select(WORKSPACES.REPO_ID, DSL.count())
                .from(WORKSPACES)
                .where(WORKSPACES.REPO_ID.in(ids), WORKSPACES.DELETED_AT.isNull())
                .groupBy(WORKSPACES.REPO_ID)
                .forEach(row -> counts.put(new RepoId(row.value1()), row.value2()));
        return counts;
    }

    @Override
    public List<Workspace> findAll(Collection<AgentId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.dsl().selectFrom(WORKSPACES)
                .where(WORKSPACES.WORKSPACE_ID.eq(DSL.any(ids.stream().map(AgentId::value).distinct()
                        .toArray(UUID[]::new))))
                .fetch(JooqWorkspaceStore::toWorkspace);
    }

    @Override
    public Optional<Workspace> findLiveByAlias(ProjectId project, String alias) {
        return session.dsl().selectFrom(WORKSPACES)
                .where(WORKSPACES.PROJECT_ID.eq(project.value()), WORKSPACES.ALIAS.eq(alias),
                        WORKSPACES.DELETED_AT.isNull())
                .fetchOptional(JooqWorkspaceStore::toWorkspace);
    }

    @Override
    public Optional<Workspace> touch(ProjectId project, AgentId id, String humanName, String role, Instant now) {
        return session.dsl().update(WORKSPACES)
                .set(WORKSPACES.HUMAN_NAME, humanName)
                .set(WORKSPACES.ROLE, keepUnlessGiven(WORKSPACES.ROLE, role))
                .set(WORKSPACES.LAST_SEEN_AT, utc(now))
                .set(WORKSPACES.UPDATED_AT, utc(now))
                .where(WORKSPACES.WORKSPACE_ID.eq(id.value()), WORKSPACES.PROJECT_ID.eq(project.value()),
                        WORKSPACES.DELETED_AT.isNull())
                .returning()
                .fetchOptional()
                .map(JooqWorkspaceStore::toWorkspace);
    }

    @Override
    public Optional<Workspace> heartbeat(AgentId id, Heartbeat heartbeat, Instant now) {
        return session.dsl().update(WORKSPACES)
                .set(WORKSPACES.HUMAN_NAME, heartbeat.humanName())
                .set(WORKSPACES.ROLE, keepUnlessGiven(WORKSPACES.ROLE, heartbeat.role()))
                .set(WORKSPACES.CURRENT_BRANCH, keepUnlessGiven(WORKSPACES.CURRENT_BRANCH, heartbeat.currentBranch()))
                .set(WORKSPACES.TIMEZONE, keepUnlessGiven(WORKSPACES.TIMEZONE, heartbeat.timezone()))
                .set(WORKSPACES.HOSTNAME, DSL.coalesce(WORKSPACES.HOSTNAME, DSL.val(heartbeat.hostname(),
                        WORKSPACES.HOSTNAME)))
                .set(WORKSPACES.WORKSPACE_PATH, DSL.coalesce(WORKSPACES.WORKSPACE_PATH,
                        DSL.val(heartbeat.workspacePath(), WORKSPACES.WORKSPACE_PATH)))
                .set(WORKSPACES.LAST_SEEN_AT, utc(now))
                .set(WORKSPACES.UPDATED_AT, utc(now))
                .where(WORKSPACES.WORKSPACE_ID.eq(id.value()), WORKSPACES.DELETED_AT.isNull())
                .returning()
                .fetchOptional()
                .map(JooqWorkspaceStore::toWorkspace);
    }

    @Override
    public void setFocus(AgentId id, Workspace.Focus focus) {
        session.dsl().update(WORKSPACES)
                .set(WORKSPACES.FOCUS_APEX_BEAD_ID, focus.apexBeadId())
                .set(WORKSPACES.FOCUS_APEX_REPO_NAME, focus.apexRepoName())
                .set(WORKSPACES.FOCUS_APEX_BRANCH, focus.apexBranch())
                .set(WORKSPACES.FOCUS_UPDATED_AT, utc(focus.updatedAt()))
                .where(WORKSPACES.WORKSPACE_ID.eq(id.value()))
                .execute();
    }

    /**
     * One conditional update ({@code deleted_at IS NOT NULL AND NOT EXISTS} a live holder of the alias) inside a
     * savepoint of the caller's transaction (or a transaction of its own): the check cannot see a holder that
     * commits concurrently, whose row then trips {@code workspaces_live_alias_uq}; the savepoint is rolled back
     * and the answer is empty, without aborting the caller's transaction.
     */
    @Override
    public Optional<Workspace> restore(AgentId id, Instant now) {
        var other = WORKSPACES.as("other");
        try {
            return session.dsl().transactionResult(tx -> tx.dsl().update(WORKSPACES)
                    .set(WORKSPACES.DELETED_AT, (OffsetDateTime) null)
                    .set(WORKSPACES.UPDATED_AT, utc(now))
                    .where(WORKSPACES.WORKSPACE_ID.eq(id.value()), WORKSPACES.DELETED_AT.isNotNull(),
                            DSL.notExists(DSL.selectOne().from(other)
                                    .where(other.PROJECT_ID.eq(WORKSPACES.PROJECT_ID), other.ALIAS.eq(WORKSPACES.ALIAS),
                                            other.DELETED_AT.isNull())))
                    .returning()
                    .fetchOptional()
                    .map(JooqWorkspaceStore::toWorkspace));
        } catch (DataAccessException e) {
            if ("23505".equals(e.sqlState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Page<Workspace> page(ProjectId project, Filter filter, PageRequest request) {
        Condition where = WORKSPACES.PROJECT_ID.eq(project.value()).and(matching(filter));
        if (!filter.includeDeleted()) {
            where = where.and(WORKSPACES.DELETED_AT.isNull());
        }
        if (request.after().isPresent()) {
            CursorKey after = request.after().get();
            OffsetDateTime updatedAt = utc(after.requireTimestamp("updated_at"));
            UUID workspaceId = cursorUuid(after, "workspace_id");
            where = where.and(WORKSPACES.UPDATED_AT.lt(updatedAt)
                    .or(WORKSPACES.UPDATED_AT.eq(updatedAt).and(WORKSPACES.WORKSPACE_ID.gt(workspaceId))));
        }
        List<Workspace> rows = session.dsl().selectFrom(WORKSPACES)
                .where(where)
                .orderBy(WORKSPACES.UPDATED_AT.desc(), WORKSPACES.WORKSPACE_ID.asc())
                .limit(request.fetchSize())
                .fetch(JooqWorkspaceStore::toWorkspace);
        return Page.fromOverfetch(rows, request, workspace -> {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("updated_at", CursorKey.timestamp(workspace.updatedAt()));
            key.put("workspace_id", workspace.id().value().toString());
            return CursorKey.of(key);
        });
    }

    @Override
    public List<Workspace> teamCandidates(ProjectId project, Filter filter, boolean onlyWithClaims, int limit) {
        Field<OffsetDateTime> lastClaimed = DSL.field(DSL.select(DSL.max(CLAIMS.CLAIMED_AT)).from(CLAIMS)
                .where(CLAIMS.WORKSPACE_ID.eq(WORKSPACES.WORKSPACE_ID))).as("last_claimed_at");
        var candidates = DSL.select(WORKSPACES.asterisk(), lastClaimed)
                .from(WORKSPACES)
                .where(WORKSPACES.PROJECT_ID.eq(project.value()), WORKSPACES.DELETED_AT.isNull(), matching(filter))
                .asTable("candidate");
        Field<OffsetDateTime> candidateLastClaimed = candidates.field(lastClaimed);
        Condition hasClaims = candidateLastClaimed.isNotNull();
        return session.dsl().select(candidates.fields(WORKSPACES.fields()))
                .from(candidates)
                .where(onlyWithClaims ? hasClaims : DSL.noCondition())
                .orderBy(DSL.when(hasClaims, 1).otherwise(0).desc(),
                        candidates.field(WORKSPACES.LAST_SEEN_AT).desc().nullsLast(),
                        candidateLastClaimed.desc().nullsLast(),
                        candidates.field(WORKSPACES.ALIAS).asc())
                .limit(limit)
                .fetch(row -> toWorkspace(row.into(WORKSPACES)));
    }

    @Override
    public List<Workspace> live(ProjectId project, Optional<RepoId> repo, int limit) {
        return session.dsl().selectFrom(WORKSPACES)
                .where(WORKSPACES.PROJECT_ID.eq(project.value()), WORKSPACES.DELETED_AT.isNull(),
                        repo.map(r -> WORKSPACES.REPO_ID.eq(r.value())).orElse(DSL.noCondition()))
                .orderBy(WORKSPACES.UPDATED_AT.desc(), WORKSPACES.WORKSPACE_ID.asc())
                .limit(limit)
                .fetch(JooqWorkspaceStore::toWorkspace);
    }

    private static Condition matching(Filter filter) {
        Condition condition = DSL.noCondition();
        if (filter.humanName().isPresent()) {
            condition = condition.and(WORKSPACES.HUMAN_NAME.eq(filter.humanName().get()));
        }
        if (filter.alias().isPresent()) {
            condition = condition.and(WORKSPACES.ALIAS.eq(filter.alias().get()));
        }
        if (filter.hostname().isPresent()) {
            condition = condition.and(WORKSPACES.HOSTNAME.eq(filter.hostname().get()));
        }
        if (filter.canonicalOrigin().isPresent()) {
            // a live repo of the workspace's project, as the always-include check of the team view reads it
            condition = condition.and(WORKSPACES.REPO_ID.in(DSL.select(REPOS.REPO_ID).from(REPOS)
                    .where(REPOS.PROJECT_ID.eq(WORKSPACES.PROJECT_ID),
                            REPOS.CANONICAL_ORIGIN.eq(filter.canonicalOrigin().get()), REPOS.DELETED_AT.isNull())));
        }
        return condition;
    }

    private static <T> Field<T> keepUnlessGiven(Field<T> column, T given) {
        return given == null ? column : DSL.val(given, column);
    }

    private static UUID cursorUuid(CursorKey cursor, String key) {
        try {
            return UUID.fromString(cursor.requireString(key));
        } catch (IllegalArgumentException e) {
            throw new DomainError.Invalid("Invalid cursor: bad " + key);
        }
    }

    private static Workspace toWorkspace(WorkspacesRecord row) {
        return new Workspace(new AgentId(row.getWorkspaceId()), new ProjectId(row.getProjectId()),
                row.getRepoId() == null ? null : new RepoId(row.getRepoId()), row.getAlias(), row.getHumanName(),
                row.getRole(), row.getCurrentBranch(), row.getTimezone(), row.getHostname(), row.getWorkspacePath(),
                new Workspace.Focus(row.getFocusApexBeadId(), row.getFocusApexRepoName(), row.getFocusApexBranch(),
                        instant(row.getFocusUpdatedAt())),
                Workspace.Type.fromWire(row.getWorkspaceType()), instant(row.getCreatedAt()),
                instant(row.getUpdatedAt()), instant(row.getLastSeenAt()), instant(row.getDeletedAt()));
    }
}
