package dev.agenthub.protocol.chat;

import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One chat message.
 *
 * @param leaving whether the sender left the conversation with it
 * @param hangOn  whether the sender asked the others for more time
 */
public record ChatMessage(UUID id, UUID session, AgentId from, String fromAlias, String body, boolean leaving,
                          boolean hangOn, String fromDid, String toDid, String signature, String signingKeyId,
                          Instant createdAt) {

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromAlias, "fromAlias");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
