package dev.agenthub.protocol.chat.port;

import dev.agenthub.protocol.chat.ChatMessage;
import dev.agenthub.protocol.chat.ChatParticipant;
import dev.agenthub.protocol.chat.ChatSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the authoritative store of chat sessions, participants and messages. Joins the caller's transaction
 * when one is active. "Time order" is creation time, then message id; a participant's read cursor is a position
 * in that order, so "after the cursor" means later in time order (a message of the cursor's microsecond with a
 * greater id is still unread).
 */
public interface ChatStore {

    /**
     * The session of {@code candidate}'s project and participant key, inserting {@code candidate} when there is
     * none. Safe under concurrency: racing callers all get the one stored session.
     */
    ChatSession ensureSession(ChatSession candidate);

    /** The session with this id in the project, or empty (unknown or another project's). */
    Optional<ChatSession> findSession(ProjectId project, UUID id);

    /** Adds the participant, or refreshes its alias; an existing read cursor is kept. */
    void upsertParticipant(UUID session, AgentId agent, String alias);

    /** The session's participants, ordered by alias (byte order). */
    List<ChatParticipant> participants(UUID session);

    /** Stores the message unless its id exists; returns whether it was stored. */
    boolean insertMessage(ChatMessage message);

    /** The message with this id in the session, or empty. */
    Optional<ChatMessage> findMessage(UUID session, UUID id);

    /**
     * The newest {@code limit} messages of the session, returned in time order (oldest first); only those after
     * {@code after} when it is non-null, and (when {@code unreadBy} is non-null) only those from others created
     * after that participant's cursor.
     */
    List<ChatMessage> recent(UUID session, int limit, Instant after, AgentId unreadBy);

    /**
     * Moves the participant's cursor to the message {@code messageId} created at {@code at}, only forward (when the
     * cursor is unset or earlier in time order); returns whether it moved.
     */
    boolean advanceCursor(UUID session, AgentId agent, UUID messageId, Instant at);

    /**
     * Messages of others than {@code agent} after the position ({@code afterAt}, {@code afterId}) (null: from the
     * start) up to and including ({@code upToAt}, {@code upToId}), in time order.
     */
    int countFromOthers(UUID session, AgentId agent, Instant afterAt, UUID afterId, Instant upToAt, UUID upToId);

    /** The sessions {@code agent} takes part in, with their participants, newest first. */
    List<SessionView> sessionsOf(AgentId agent);

    /**
     * The sessions where {@code agent} has unread messages from others, most recent activity first.
     */
    List<Pending> pendingFor(AgentId agent);

    /**
     * Up to {@code limit} messages from others that {@code agent} has not read (created after its cursor), over
     * all its sessions, oldest first (the oldest unread ones when there are more).
     */
    List<ChatMessage> unreadFor(AgentId agent, int limit);

    /** Whether each participant's latest message in the session had {@code leaving}; absent when it sent none. */
    Map<AgentId, Boolean> latestLeaving(UUID session);

    /** A session with its participants. */
    record SessionView(ChatSession session, List<ChatParticipant> participants) {
    }

    /** A session with unread messages for one participant. */
    record Pending(ChatSession session, List<ChatParticipant> participants, ChatMessage last, int unreadCount) {
    }
}
