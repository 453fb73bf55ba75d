package dev.agenthub.protocol.projects;

import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A live project.
 *
 * @param tenantId   null in standalone mode
 * @param visibility {@code private} or {@code public}
 */
public record Project(ProjectId id, String slug, String name, UUID tenantId, String visibility, Instant createdAt) {

    public Project {
        Objects.requireNonNull(id, "id");
        ProjectSlug.require(slug);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
