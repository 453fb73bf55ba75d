package dev.agenthub.orchestration.runs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One implementation attempt of a work item (wire spec agenthub §4 AgentRunRead, plus the stored {@code patch}). */
public record AgentRun(long id, long projectId, long workItemId, Optional<Long> agentId, RunStatus status,
                       String summary, String patch, boolean testsPassed, Instant createdAt, Instant updatedAt) {

    public AgentRun {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
