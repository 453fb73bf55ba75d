package dev.agenthub.orchestration.agents;

import java.util.Objects;
import java.util.Optional;

/** A validated {@code PATCH /projects/{id}/agents/{agent_id}} body: an empty field stays as it is. */
public record AgentChanges(Optional<String> name, Optional<AgentStatus> status, Optional<Integer> maxParallelTasks) {

    public AgentChanges {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(maxParallelTasks, "maxParallelTasks");
    }
}
