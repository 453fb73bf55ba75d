package dev.agenthub.protocol.chat;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.Sha256;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A chat session of a project.
 *
 * @param participantKey the SHA-256 (lowercase hex) of the sorted, comma-joined participant ids: one session
 *                       per participant set and project
 */
public record ChatSession(UUID id, ProjectId project, String participantKey, Instant createdAt) {

    public ChatSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(participantKey, "participantKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The key of a participant set, whatever the order (and repetitions) of {@code participants}. */
    public static String keyOf(Collection<AgentId> participants) {
        String joined = participants.stream().map(AgentId::toString).distinct().sorted().collect(Collectors.joining(","));
        return Sha256.hex(joined);
    }
}
