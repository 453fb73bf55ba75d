package dev.agenthub.hub.workspaces.port;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.WorkspaceCounts;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the workspaces of every project (wire spec §2.1). One row per workspace id (= agent id), live or
 * soft-deleted; {@code (project, alias)} is unique among live rows. No method ever changes a row's project,
 * alias, type or repo. It also counts a repo's live workspaces ({@link WorkspaceCounts}). Joins the caller's transaction when one is active. Implementations are checked by the
 * contract kit's {@code WorkspaceStoreContract}.
 */
public interface WorkspaceStore extends WorkspaceCounts {

    /**
     * Inserts {@code workspace} as given. Its agent and project (and repo, if any) must exist.
     *
     * @return true when inserted; false, changing nothing, when a row with this id exists (live or deleted) or
     *         a live workspace of the project holds the alias. Safe under concurrency: of several callers racing
     *         for one alias exactly one inserts, and the losers get false, not an aborted transaction.
     */
    boolean insert(Workspace workspace);

    /** The workspace with this id in any state and any project, or empty when there is none. */
    Optional<Workspace> find(AgentId id);

    /**
     * Re-initialises a workspace ({@code POST /v1/init} on an existing one, §4.1 step 7): sets human name,
     * hostname and workspace path, sets the role only when {@code role} is non-null (§14 F3), clears
     * {@code deleted_at} and sets {@code updated_at} to {@code now}.
     *
     * @return the updated workspace, or empty when there is no row with this id
     */
    Optional<Workspace> reinitialise(AgentId id, String humanName, String hostname, String workspacePath, String role,
                                     Instant now);

    /**
     * Soft-deletes the live workspace with this id: it frees its alias; {@link #reinitialise} brings it back.
     *
     * @return true when a live workspace was deleted, false when there was none
     */
    boolean softDelete(AgentId id, Instant now);

    /**
     * Soft-deletes every live workspace of this repo in this project.
     *
     * @return the workspaces deleted (with {@code deletedAt} = {@code now}), in no particular order
     */
    List<Workspace> softDeleteOfRepo(ProjectId project, RepoId repo, Instant now);
}
