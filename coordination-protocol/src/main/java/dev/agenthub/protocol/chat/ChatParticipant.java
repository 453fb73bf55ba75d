package dev.agenthub.protocol.chat;

import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A participant of a session with its read cursor.
 *
 * @param lastReadMessageId the message the cursor is at, or null before the first read or send
 * @param lastReadAt        that message's creation time, or null
 */
public record ChatParticipant(UUID session, AgentId agent, String alias, UUID lastReadMessageId, Instant lastReadAt) {

    public ChatParticipant {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(alias, "alias");
    }
}
