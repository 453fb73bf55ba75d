package dev.agenthub.persistence.hub;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.persistence.jooq.hub.tables.records.WorkspacesRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link WorkspaceStore} on PostgreSQL. {@link #insert} is an {@code INSERT … ON CONFLICT DO NOTHING} without
 * an arbiter, so both a reused id (the primary key) and a live alias taken concurrently (the partial unique
 * index) are a value, never an aborted transaction. No statement sets the immutable links (project, alias,
 * type, repo) of an existing row.
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
