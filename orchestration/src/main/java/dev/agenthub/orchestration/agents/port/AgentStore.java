package dev.agenthub.orchestration.agents.port;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.common.PageSlice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the agents of every project (wire spec agenthub §13). Every method joins the caller's transaction when one
 * is active. Implementations are checked by the contract kit's {@code AgentStoreContract}.
 */
public interface AgentStore {

    /** Inserts an agent with a new id into an existing project and returns it. Names need not be unique. */
    Agent insert(long projectId, String name, AgentRole role, AgentStatus status, int maxParallelTasks,
                 String capabilities, Instant createdAt);

    /** The agent with this id in this project, or empty (unknown, or another project's). */
    Optional<Agent> find(long projectId, long agentId);

    /** A page of the project's agents in the list order: role text asc, then {@code created_at} asc, then id asc. */
    List<Agent> list(long projectId, PageSlice page);

    /** Every agent of the project, in the list order. */
    List<Agent> all(long projectId);

    /** Whether the project has at least one agent. */
    boolean any(long projectId);

    /**
     * Applies the present changes to the agent and returns it as stored; an empty optional leaves that field as is.
     *
     * @return empty when the agent does not exist in this project
     */
    Optional<Agent> update(long projectId, long agentId, Optional<String> name, Optional<AgentStatus> status,
                           Optional<Integer> maxParallelTasks);
}
