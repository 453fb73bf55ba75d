package dev.agenthub.protocol.agents.port;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the authoritative store of agents. "Live" means not soft-deleted. An alias is unique among the live
 * agents of a project, across every hub instance sharing the store. Joins the caller's transaction when one
 * is active.
 */
public interface AgentStore {

    /**
     * Inserts {@code agent} (which must be live) unless a live agent of its project already has its alias.
     *
     * @return true when inserted, false when the alias was taken (nothing is written then)
     */
    boolean insert(Agent agent);

    /** The live agent with this id in the project, or empty (unknown, deleted, or another project's). */
    Optional<Agent> find(ProjectId project, AgentId id);

    /** The agent with this id whatever its state (for the deleted-identity checks), or empty. */
    Optional<Agent> findAnyState(AgentId id);

    /** The live agent with this alias in the project, or empty. */
    Optional<Agent> findByAlias(ProjectId project, String alias);

    /** The project's live agents, ordered by alias (byte order). */
    List<Agent> listLive(ProjectId project);

    /** The aliases of the project's live agents, optionally leaving out those of type {@code system}. */
    List<String> liveAliases(ProjectId project, boolean includeSystem);

    /**
     * Replaces the self-service settings of a live agent; a null argument leaves that setting as it is.
     *
     * @return the updated agent, or empty when there is no live agent with this id in the project
     */
    Optional<Agent> updateSettings(ProjectId project, AgentId id, Agent.AccessMode accessMode, String role,
                                   String program, String contextJson);

    /**
     * Sets status {@code deregistered} and {@code deleted_at = now} on a live agent, freeing its alias.
     *
     * @return the agent as it now is, or empty when there was no live agent with this id in the project
     */
    Optional<Agent> deregister(ProjectId project, AgentId id, Instant now);
}
