package dev.agenthub.hub.workspaces.port;

import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.WorkspaceCounts;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
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

    /** The workspaces with these ids, in any state; ids without a row are left out. No order is promised. */
    List<Workspace> findAll(Collection<AgentId> ids);

    /** The live workspace of the project holding this alias, or empty. */
    Optional<Workspace> findLiveByAlias(ProjectId project, String alias);

    /**
     * The touch of the {@code /v1/bdh/command} and {@code /v1/bdh/sync} preamble (§4.5 step 4): sets
     * {@code last_seen_at} and {@code updated_at} to {@code now} and {@code human_name} to {@code humanName};
     * sets the role only when {@code role} is non-null (§14 F3).
     *
     * @return the updated workspace, or empty, changing nothing, when there is no <em>live</em> row with this id in
     *         {@code project}
     */
    Optional<Workspace> touch(ProjectId project, AgentId id, String humanName, String role, Instant now);

    /**
     * What {@code POST /v1/workspaces/heartbeat} writes over an existing workspace (§4.4 "Upsert").
     *
     * @param humanName     stored as given ({@code ""} when absent)
     * @param role          replaces the stored role when non-null
     * @param currentBranch replaces the stored branch when non-null
     * @param timezone      replaces the stored timezone when non-null
     * @param hostname      stored only while the stored one is null
     * @param workspacePath stored only while the stored one is null
     */
    record Heartbeat(String humanName, String role, String currentBranch, String timezone, String hostname,
                     String workspacePath) {

        public Heartbeat {
            Objects.requireNonNull(humanName, "humanName");
        }
    }

    /**
     * Applies a heartbeat to the live workspace with this id, and sets {@code last_seen_at} and
     * {@code updated_at} to {@code now}.
     *
     * @return the updated workspace, or empty when there is no live row with this id
     */
    Optional<Workspace> heartbeat(AgentId id, Heartbeat heartbeat, Instant now);

    /** Replaces the focus apex of the workspace with this id (any state); a no-op when there is none. */
    void setFocus(AgentId id, Workspace.Focus focus);

    /**
     * Clears {@code deleted_at} of the soft-deleted workspace with this id, and sets {@code updated_at}.
     *
     * @return the restored workspace; empty, changing nothing, when there is no deleted row with this id or a live
     *         workspace of its project now holds its alias (also when one takes it concurrently)
     */
    Optional<Workspace> restore(AgentId id, Instant now);

    /**
     * The filters of {@code GET /v1/workspaces} and {@code /team} (§4.4); every present one must hold.
     *
     * @param canonicalOrigin the canonical origin of the workspace's repo, which must be live (a workspace without
     *                        a repo, or whose repo is soft-deleted, never matches)
     * @param includeDeleted  whether soft-deleted workspaces are listed too
     */
    record Filter(Optional<String> humanName, Optional<String> canonicalOrigin, Optional<String> alias,
                  Optional<String> hostname, boolean includeDeleted) {

        public static final Filter LIVE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false);

        public Filter {
            Objects.requireNonNull(humanName, "humanName");
            Objects.requireNonNull(canonicalOrigin, "canonicalOrigin");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(hostname, "hostname");
        }
    }

    /**
     * A page of the project's workspaces matching {@code filter}, ordered by {@code updated_at} descending, then
     * workspace id, with an opaque cursor over that key.
     */
    Page<Workspace> page(ProjectId project, Filter filter, PageRequest request);

    /**
     * Up to {@code limit} candidates of the team view (§4.4 {@code GET /team}): the project's live workspaces
     * matching {@code filter} (its {@code includeDeleted} is ignored), only those holding at least one claim when
     * {@code onlyWithClaims}, ordered by has-claims descending, {@code last_seen_at} descending (nulls last), the
     * newest {@code claimed_at} descending (nulls last), alias ascending.
     */
    List<Workspace> teamCandidates(ProjectId project, Filter filter, boolean onlyWithClaims, int limit);

    /**
     * Up to {@code limit} live workspaces of the project (of one repo when {@code repo} is present), newest
     * {@code updated_at} first, then workspace id.
     */
    List<Workspace> live(ProjectId project, Optional<RepoId> repo, int limit);
}
