package dev.agenthub.hub.tasks;

import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A comment on a native task (wire spec §4.8 {@code POST /v1/tasks/{ref}/comments}). */
public record TaskComment(UUID id, UUID task, AgentId author, String body, Instant createdAt) {

    public TaskComment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
