package dev.agenthub.orchestration.agents;

import java.time.Instant;
import java.util.Objects;

/** An autopilot agent of a project (wire spec agenthub §4 AgentRead, plus the stored {@code created_at}). */
public record Agent(long id, long projectId, String name, AgentRole role, AgentStatus status, int maxParallelTasks,
                    String capabilities, Instant createdAt) {

    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean active() {
        return status == AgentStatus.ACTIVE;
    }
}
