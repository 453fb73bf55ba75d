package dev.agenthub.protocol.chat.port;

import dev.agenthub.protocol.chat.ChatMessage;
import dev.agenthub.protocol.chat.ChatParticipant;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.List;
import java.util.UUID;

/**
 * Port: told by the chat use cases what changed, after it committed (live events, §9.2 and §13.1).
 * Implementations never throw and never block on subscribers.
 */
public interface ChatEvents {

    /** A message was stored in a session with these participants. */
    void messageStored(ProjectId project, List<ChatParticipant> participants, ChatMessage message);

    /** A participant's read cursor moved forward to {@code upTo}. */
    void cursorMoved(UUID session, AgentId reader, String readerAlias, UUID upTo);

    /** Publishes nothing. */
    ChatEvents NONE = new ChatEvents() {
        @Override
        public void messageStored(ProjectId project, List<ChatParticipant> participants, ChatMessage message) {
        }

        @Override
        public void cursorMoved(UUID session, AgentId reader, String readerAlias, UUID upTo) {
        }
    };
}
