package dev.agenthub.hub.audit;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * One audit log row (wire spec §2.1): what happened in a project, who did it, and its details as a JSON object.
 *
 * @param eventType e.g. {@code bdh_sync}, {@code beads_uploaded}
 * @param actor     the workspace (agent) that caused it, or null
 * @param details   scalar or nested JSON values, in order
 */
public record AuditEntry(UUID id, ProjectId project, String eventType, AgentId actor,
                         SequencedMap<String, Object> details, Instant createdAt) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(createdAt, "createdAt");
        details = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }
}
