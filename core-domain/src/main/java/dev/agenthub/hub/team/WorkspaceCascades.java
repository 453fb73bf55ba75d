package dev.agenthub.hub.team;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoDeletion;
import dev.agenthub.hub.repos.port.RepoDeletionCascade;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.agents.port.DeregistrationCascade;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.port.PresenceIndex;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What goes with a workspace's agent or repo (wire spec §2.1, §4.3 "Agent deregistration cascade", §4.17):
 * <ul>
 *   <li>agent deregistration soft-deletes the workspace of the same id and deletes its claims (the agents
 *       capability deactivates the keys and clears both presence records after the commit);</li>
 *   <li>repo deletion soft-deletes the repo's live workspaces, deletes their claims, deregisters their agents,
 *       deactivates every key of those agents and, after the commit, clears their presence.</li>
 * </ul>
 * Claims go through {@link Claims#dropOfWorkspaces}, which publishes {@code bead.unclaimed} per removed claim
 * once the caller's transaction commits (§6.4). Both run inside the caller's transaction.
 */
public final class WorkspaceCascades implements DeregistrationCascade, RepoDeletionCascade {

    private final TransactionRunner transactions;
    private final WorkspaceStore workspaces;
    private final AgentStore agents;
    private final ApiKeyStore keys;
    private final PresenceIndex presence;
    private final Claims claims;
    private final Clock clock;

    public WorkspaceCascades(TransactionRunner transactions, WorkspaceStore workspaces, AgentStore agents,
                             ApiKeyStore keys, PresenceIndex presence, Claims claims, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Soft-deletes the workspace of the deregistered agent, at the agent's {@code deleted_at}, and drops its claims. */
    @Override
    public void agentDeregistered(Agent agent) {
        workspaces.softDelete(agent.id(), agent.deletedAt() != null ? agent.deletedAt() : clock.instant());
        claims.dropOfWorkspaces(List.of(agent.id()));
    }

    /**
     * Soft-deletes the repo's live workspaces and their agents, drops their claims, deactivates the agents' keys,
     * and clears their presence once the deletion commits.
     *
     * @return the workspaces deleted, the claims removed, and how many of the workspaces had a live workspace
     *         presence record
     */
    @Override
    public RepoDeletion repoDeleted(Repo repo, Instant now) {
        List<Workspace> deleted = workspaces.softDeleteOfRepo(repo.project(), repo.id(), now);
        for (Workspace workspace : deleted) {
            agents.deregister(workspace.project(), workspace.id(), now);
            keys.deactivateAllOf(workspace.id());
        }
        List<Claim> dropped = claims.dropOfWorkspaces(deleted.stream().map(Workspace::id).toList());
        List<UUID> ids = deleted.stream().map(workspace -> workspace.id().value()).toList();
        int present = presentCount(ids);
        transactions.afterCommit(() -> ids.forEach(id -> {
            presence.clear(PresenceKind.WORKSPACE, id);
            presence.clear(PresenceKind.AGENT, id);
        }));
        return new RepoDeletion(deleted.size(), dropped.size(), present);
    }

    /** Presence is a cache (§10): when it cannot be asked, the deletion goes on and reports none cleared. */
    private int presentCount(List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        try {
            return presence.findAll(PresenceKind.WORKSPACE, ids, clock.instant()).size();
        } catch (RuntimeException presenceDown) {
            return 0;
        }
    }
}
