package dev.agenthub.orchestration.agents;

import java.util.Objects;

/** A validated {@code POST /projects/{id}/agents} body (wire spec agenthub §5). */
public record NewAgent(String name, AgentRole role, AgentStatus status, int maxParallelTasks, String capabilities) {

    public NewAgent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(capabilities, "capabilities");
        if (maxParallelTasks < 1 || maxParallelTasks > 20) {
            throw new IllegalArgumentException("maxParallelTasks must be 1..20: " + maxParallelTasks);
        }
    }
}
