package dev.agenthub.protocol.conversations.port;

import dev.agenthub.protocol.conversations.Conversation;
import dev.agenthub.protocol.conversations.ConversationKey;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.List;

/**
 * Port: the two sources of the conversation list, each summarised by the store (no source is read whole into
 * memory). Both answer in {@link ConversationKey#LIST_ORDER}, only conversations after {@code after} in that order
 * (all when null; see {@link ConversationKey#tieFollows}), at most {@code limit}. Joins the caller's transaction
 * when one is active.
 */
public interface ConversationStore {

    /**
     * The agent's mail threads in the project: the messages sent to or by it, grouped by {@code thread_id} (by
     * message id when it has none).
     */
    List<Conversation> mailThreads(ProjectId project, AgentId agent, ConversationKey after, int limit);

    /** The chat sessions of the project the agent takes part in that have at least one message. */
    List<Conversation> chatSessions(ProjectId project, AgentId agent, ConversationKey after, int limit);
}
