package dev.agenthub.hub.policies;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One version of a project's policy (wire spec §11.2). {@code (project, version)} is unique.
 *
 * @param createdBy the workspace that created it; null for the bootstrapped defaults or a caller without agent
 */
public record PolicyVersion(UUID id, ProjectId project, int version, PolicyBundle bundle, AgentId createdBy,
                            Instant createdAt, Instant updatedAt) {

    public PolicyVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
    }
}
