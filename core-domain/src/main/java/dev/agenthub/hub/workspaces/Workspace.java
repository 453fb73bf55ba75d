package dev.agenthub.hub.workspaces;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.WireName;

import java.time.Instant;
import java.util.Objects;

/**
 * A workspace (wire spec §2.1). Its id is the id of its agent. {@code project}, {@code alias}, {@code type}
 * and a non-null {@code repo} are immutable links: the store never rewrites them.
 *
 * @param repo          the worktree's repo; null for a dashboard (and for a workspace whose repo row is gone)
 * @param humanName     {@code ""} when the agent has none
 * @param role          normalised role, or null
 * @param currentBranch the branch last reported, or null
 * @param hostname      null when not given
 * @param workspacePath null when not given
 * @param focus         the focus apex, or {@link Focus#NONE}
 * @param updatedAt     bumped on every update
 * @param lastSeenAt    null until seen
 * @param deletedAt     null while live
 */
public record Workspace(AgentId id, ProjectId project, RepoId repo, String alias, String humanName, String role,
                        String currentBranch, String timezone, String hostname, String workspacePath, Focus focus,
                        Type type, Instant createdAt, Instant updatedAt, Instant lastSeenAt, Instant deletedAt) {

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(humanName, "humanName");
        Objects.requireNonNull(focus, "focus");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (type == Type.DASHBOARD && repo != null) {
            throw new IllegalArgumentException("a dashboard workspace has no repo");
        }
    }

    /** A new live agent workspace of a worktree of {@code repo}, as {@code POST /v1/init} creates it. */
    public static Workspace ofAgent(AgentId id, ProjectId project, RepoId repo, String alias, String humanName,
                                    String role, String hostname, String workspacePath, Instant now) {
        Objects.requireNonNull(repo, "repo");
        return new Workspace(id, project, repo, alias, humanName, role, null, null, hostname, workspacePath,
                Focus.NONE, Type.AGENT, now, now, null, null);
    }

    public boolean live() {
        return deletedAt == null;
    }

    /** The focus apex of a workspace; every field null for none. */
    public record Focus(String apexBeadId, String apexRepoName, String apexBranch, Instant updatedAt) {

        public static final Focus NONE = new Focus(null, null, null, null);
    }

    /** {@code workspace_type}: an {@code agent} workspace has a repo, a {@code dashboard} none. */
    public enum Type implements WireName {
        AGENT, DASHBOARD;

        public static Type fromWire(String text) {
            return WireName.parse(Type.class, text);
        }
    }
}
