package dev.agenthub.hub.claims.port;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the claims of every project (wire spec §6), at most one row per (project, bead, workspace). Every method
 * joins the caller's transaction when one is active. Lists named "newest first" order by {@code claimed_at}
 * descending, then bead id and workspace id ascending, so equal times still give one stable order.
 * Implementations are checked by the contract kit's {@code ClaimStoreContract}.
 */
public interface ClaimStore {

    /** The outcome of {@link #claim}. */
    sealed interface Outcome {
    }

    /** The claim was written (inserted, or the workspace's existing claim refreshed). */
    record Claimed(Claim claim) implements Outcome {
    }

    /** Another workspace holds the bead; nothing was written. {@code holder} is its newest claim. */
    record Rejected(Claim holder) implements Outcome {
    }

    /**
     * Claims a bead for {@code claim.workspace()} (§6.2): when any <em>other</em> workspace holds a claim on
     * {@code (project, beadId)}, writes nothing and answers {@link Rejected}; otherwise inserts the claim, or
     * overwrites this workspace's existing one (alias, human name, time, apex). The check and the write are one
     * atomic step: of any number of workspaces claiming one free bead at the same moment, through any number of
     * server instances on one database, exactly one gets {@link Claimed} and all others {@link Rejected}.
     */
    Outcome claim(Claim claim);

    /** Deletes every claim on {@code (project, beadId)}, from every workspace; answers the rows removed. */
    List<Claim> releaseAll(ProjectId project, String beadId);

    /** Deletes every claim of these workspaces; answers the rows removed. */
    List<Claim> deleteOfWorkspaces(Collection<AgentId> workspaces);

    /** Up to {@code limit} claims of the project, newest first. */
    List<Claim> newestOfProject(ProjectId project, int limit);

    /** Every claim of these workspaces, newest first. */
    List<Claim> ofWorkspaces(Collection<AgentId> workspaces);

    /** Every claim on these beads in the project, newest first. */
    List<Claim> ofBeads(ProjectId project, Collection<String> beadIds);

    /**
     * A page of the project's claims (of one workspace when {@code workspace} is present), newest first, with an
     * opaque cursor over the sort key.
     */
    Page<Claim> page(ProjectId project, Optional<AgentId> workspace, PageRequest request);

    /** The number of claimants of each of these beads in the project; beads without claims map to 0. */
    Map<String, Integer> claimantCounts(ProjectId project, Collection<String> beadIds);
}
