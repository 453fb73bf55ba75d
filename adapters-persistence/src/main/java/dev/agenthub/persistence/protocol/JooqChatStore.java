package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.ChatMessagesRecord;
import dev.agenthub.persistence.jooq.protocol.tables.records.ChatParticipantsRecord;
import dev.agenthub.persistence.jooq.protocol.tables.records.ChatSessionsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.chat.ChatMessage;
import dev.agenthub.protocol.chat.ChatParticipant;
import dev.agenthub.protocol.chat.ChatSession;
import dev.agenthub.protocol.chat.port.ChatStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.persistence.jooq.protocol.tables.ChatMessages;
import dev.agenthub.persistence.jooq.protocol.tables.ChatParticipants;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.protocol.Tables.CHAT_MESSAGES;
import static dev.agenthub.persistence.jooq.protocol.Tables.CHAT_PARTICIPANTS;
import static dev.agenthub.persistence.jooq.protocol.Tables.CHAT_SESSIONS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ChatStore} on PostgreSQL. The unique (project, participant key) constraint makes one session per
 * participant set across instances; cursors move forward with a conditional update.
 */
public final class JooqChatStore implements ChatStore {

    private final JooqSession session;

    public JooqChatStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public ChatSession ensureSession(ChatSession candidate) {
        session.dsl().insertInto(CHAT_SESSIONS)
                .set(CHAT_SESSIONS.SESSION_ID, candidate.id())
                .set(CHAT_SESSIONS.PROJECT_ID, candidate.project().value())
                .set(CHAT_SESSIONS.PARTICIPANT_KEY, candidate.participantKey())
                .set(CHAT_SESSIONS.CREATED_AT, utc(candidate.createdAt()))
                .onConflictDoNothing()
                .execute();
        return session.dsl().selectFrom(CHAT_SESSIONS)
                .where(CHAT_SESSIONS.PROJECT_ID.eq(candidate.project().value()),
                        CHAT_SESSIONS.PARTICIPANT_KEY.eq(candidate.participantKey()))
                .fetchOptional(JooqChatStore::toSession)
                .orElseThrow(() -> new IllegalStateException("chat session vanished while being ensured"));
    }

    @Override
    public Optional<ChatSession> findSession(ProjectId project, UUID id) {
        return session.dsl().selectFrom(CHAT_SESSIONS)
                .where(CHAT_SESSIONS.SESSION_ID.eq(id), CHAT_SESSIONS.PROJECT_ID.eq(project.value()))
                .fetchOptional(JooqChatStore::toSession);
    }

    @Override
    public void upsertParticipant(UUID sessionId, AgentId agent, String alias) {
        session.dsl().insertInto(CHAT_PARTICIPANTS)
                .set(CHAT_PARTICIPANTS.SESSION_ID, sessionId)
                .set(CHAT_PARTICIPANTS.AGENT_ID, agent.value())
                .set(CHAT_PARTICIPANTS.ALIAS, alias)
                .onConflict(CHAT_PARTICIPANTS.SESSION_ID, CHAT_PARTICIPANTS.AGENT_ID)
                .doUpdate().set(CHAT_PARTICIPANTS.ALIAS, DSL.excluded(CHAT_PARTICIPANTS.ALIAS))
                .execute();
    }

    @Override
    public List<ChatParticipant> participants(UUID sessionId) {
        return session.dsl().selectFrom(CHAT_PARTICIPANTS)
                .where(CHAT_PARTICIPANTS.SESSION_ID.eq(sessionId))
                .orderBy(CHAT_PARTICIPANTS.ALIAS.collate("C"))
                .fetch(JooqChatStore::toParticipant);
    }

    @Override
    public boolean insertMessage(ChatMessage message) {
        return session.dsl().insertInto(CHAT_MESSAGES)
                .set(CHAT_MESSAGES.MESSAGE_ID, message.id())
                .set(CHAT_MESSAGES.SESSION_ID, message.session())
                .set(CHAT_MESSAGES.FROM_AGENT_ID, message.from().value())
                .set(CHAT_MESSAGES.FROM_ALIAS, message.fromAlias())
                .set(CHAT_MESSAGES.BODY, message.body())
                .set(CHAT_MESSAGES.SENDER_LEAVING, message.leaving())
                .set(CHAT_MESSAGES.HANG_ON, message.hangOn())
                .set(CHAT_MESSAGES.FROM_DID, message.fromDid())
                .set(CHAT_MESSAGES.TO_DID, message.toDid())
                .set(CHAT_MESSAGES.SIGNATURE, message.signature())
                .set(CHAT_MESSAGES.SIGNING_KEY_ID, message.signingKeyId())
                .set(CHAT_MESSAGES.CREATED_AT, utc(message.createdAt()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<ChatMessage> findMessage(UUID sessionId, UUID id) {
        return session.dsl().selectFrom(CHAT_MESSAGES)
                .where(CHAT_MESSAGES.SESSION_ID.eq(sessionId), CHAT_MESSAGES.MESSAGE_ID.eq(id))
                .fetchOptional(JooqChatStore::toMessage);
    }

    @Override
    public List<ChatMessage> recent(UUID sessionId, int limit, Instant after, AgentId unreadBy) {
        Condition condition = CHAT_MESSAGES.SESSION_ID.eq(sessionId);
        if (after != null) {
            condition = condition.and(CHAT_MESSAGES.CREATED_AT.gt(utc(after)));
        }
        if (unreadBy != null) {
            condition = condition.and(CHAT_MESSAGES.FROM_AGENT_ID.ne(unreadBy.value())).and(afterCursorOf(sessionId, unreadBy));
        }
        List<ChatMessage> newestFirst = session.dsl().selectFrom(CHAT_MESSAGES)
                .where(condition)
                .orderBy(CHAT_MESSAGES.CREATED_AT.desc(), CHAT_MESSAGES.MESSAGE_ID.desc())
                .limit(limit)
                .fetch(JooqChatStore::toMessage);
        List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Messages after the participant's cursor (all of them while it has none). */
    private static Condition afterCursorOf(UUID sessionId, AgentId agent) {
        ChatParticipants cursor = CHAT_PARTICIPANTS.as("cursor");
        return DSL.notExists(DSL.selectOne().from(cursor).where(cursor.SESSION_ID.eq(sessionId),
                cursor.AGENT_ID.eq(agent.value()), DSL.not(afterCursor(CHAT_MESSAGES, cursor))));
    }

    /**
     * Whether a message lies after a participant's read cursor in time order (creation time, then message id), so
     * that a message stamped in the same microsecond as the cursor's is not taken as read; true while the
     * participant has no cursor.
     */
    static Condition afterCursor(ChatMessages message, ChatParticipants cursor) {
        return cursor.LAST_READ_AT.isNull().or(DSL.row(message.CREATED_AT, message.MESSAGE_ID)
                .gt(DSL.row(cursor.LAST_READ_AT, cursor.LAST_READ_MESSAGE_ID)));
    }

    @Override
    public boolean advanceCursor(UUID sessionId, AgentId agent, UUID messageId, Instant at) {
        return session.dsl().update(CHAT_PARTICIPANTS)
                .set(CHAT_PARTICIPANTS.LAST_READ_MESSAGE_ID, messageId)
                .set(CHAT_PARTICIPANTS.LAST_READ_AT, utc(at))
                .where(CHAT_PARTICIPANTS.SESSION_ID.eq(sessionId), CHAT_PARTICIPANTS.AGENT_ID.eq(agent.value()),
                        CHAT_PARTICIPANTS.LAST_READ_AT.isNull().or(DSL.row(CHAT_PARTICIPANTS.LAST_READ_AT,
                                CHAT_PARTICIPANTS.LAST_READ_MESSAGE_ID).lt(DSL.row(utc(at), messageId))))
                .execute() == 1;
    }

    @Override
    public int countFromOthers(UUID sessionId, AgentId agent, Instant afterAt, UUID afterId, Instant upToAt, UUID upToId) {
        Condition window = DSL.row(CHAT_MESSAGES.CREATED_AT, CHAT_MESSAGES.MESSAGE_ID).le(DSL.row(utc(upToAt), upToId));
        if (afterAt != null) {
            window = window.and(DSL.row(CHAT_MESSAGES.CREATED_AT, CHAT_MESSAGES.MESSAGE_ID).gt(DSL.row(utc(afterAt), afterId)));
        }
        return session.dsl().fetchCount(CHAT_MESSAGES, CHAT_MESSAGES.SESSION_ID.eq(sessionId),
                CHAT_MESSAGES.FROM_AGENT_ID.ne(agent.value()), window);
    }

    @Override
    public List<SessionView> sessionsOf(AgentId agent) {
        List<ChatSession> sessions = session.dsl().select(CHAT_SESSIONS.fields()).from(CHAT_SESSIONS)
                .join(CHAT_PARTICIPANTS).on(CHAT_PARTICIPANTS.SESSION_ID.eq(CHAT_SESSIONS.SESSION_ID))
                .where(CHAT_PARTICIPANTS.AGENT_ID.eq(agent.value()))
                .orderBy(CHAT_SESSIONS.CREATED_AT.desc(), CHAT_SESSIONS.SESSION_ID.desc())
                .fetch(row -> toSession(row.into(CHAT_SESSIONS)));
        Map<UUID, List<ChatParticipant>> members = participantsOf(sessions.stream().map(ChatSession::id).toList());
        return sessions.stream().map(s -> new SessionView(s, members.getOrDefault(s.id(), List.of()))).toList();
    }

    @Override
    public List<Pending> pendingFor(AgentId agent) {
        Field<Integer> unread = DSL.count().as("unread");
        Map<UUID, Integer> unreadBySession = new HashMap<>();
        session.dsl().select(CHAT_MESSAGES.SESSION_ID, unread)
                .from(CHAT_PARTICIPANTS)
                .join(CHAT_MESSAGES).on(CHAT_MESSAGES.SESSION_ID.eq(CHAT_PARTICIPANTS.SESSION_ID))
                .where(CHAT_PARTICIPANTS.AGENT_ID.eq(agent.value()), CHAT_MESSAGES.FROM_AGENT_ID.ne(agent.value()),
                        afterCursor(CHAT_MESSAGES, CHAT_PARTICIPANTS))
                .groupBy(CHAT_MESSAGES.SESSION_ID)
                .fetch()
                .forEach(row -> unreadBySession.put(row.get(CHAT_MESSAGES.SESSION_ID), row.get(unread)));
        if (unreadBySession.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = List.copyOf(unreadBySession.keySet());
        Map<UUID, List<ChatParticipant>> members = participantsOf(ids);
        Map<UUID, ChatMessage> lastBySession = new HashMap<>();
        session.dsl().selectDistinct(CHAT_MESSAGES.fields())
                .on(CHAT_MESSAGES.SESSION_ID)
                .from(CHAT_MESSAGES)
                .where(CHAT_MESSAGES.SESSION_ID.in(ids))
                .orderBy(CHAT_MESSAGES.SESSION_ID, CHAT_MESSAGES.CREATED_AT.desc(), CHAT_MESSAGES.MESSAGE_ID.desc())
                .fetchInto(CHAT_MESSAGES)
                .forEach(row -> lastBySession.put(row.getSessionId(), toMessage(row)));
        List<Pending> pending = new ArrayList<>();
        for (ChatSession chat : session.dsl().selectFrom(CHAT_SESSIONS).where(CHAT_SESSIONS.SESSION_ID.in(ids))
                .fetch(JooqChatStore::toSession)) {
            pending.add(new Pending(chat, members.getOrDefault(chat.id(), List.of()), lastBySession.get(chat.id()),
                    unreadBySession.get(chat.id())));
        }
        pending.sort(Comparator.comparing((Pending p) -> p.last().createdAt()).reversed());
        return pending;
    }

    @Override
    public List<ChatMessage> unreadFor(AgentId agent, int limit) {
        return session.dsl().select(CHAT_MESSAGES.fields())
                .from(CHAT_PARTICIPANTS)
                .join(CHAT_MESSAGES).on(CHAT_MESSAGES.SESSION_ID.eq(CHAT_PARTICIPANTS.SESSION_ID))
                .where(CHAT_PARTICIPANTS.AGENT_ID.eq(agent.value()), CHAT_MESSAGES.FROM_AGENT_ID.ne(agent.value()),
                        afterCursor(CHAT_MESSAGES, CHAT_PARTICIPANTS))
                .orderBy(CHAT_MESSAGES.CREATED_AT, CHAT_MESSAGES.MESSAGE_ID)
                .limit(limit)
                .fetchInto(CHAT_MESSAGES)
                .map(JooqChatStore::toMessage);
    }

    @Override
    public Map<AgentId, Boolean> latestLeaving(UUID sessionId) {
        Map<AgentId, Boolean> latest = new HashMap<>();
        session.dsl().selectDistinct(CHAT_MESSAGES.FROM_AGENT_ID, CHAT_MESSAGES.SENDER_LEAVING, CHAT_MESSAGES.CREATED_AT,
                        CHAT_MESSAGES.MESSAGE_ID)
                .on(CHAT_MESSAGES.FROM_AGENT_ID)
                .from(CHAT_MESSAGES)
                .where(CHAT_MESSAGES.SESSION_ID.eq(sessionId))
                .orderBy(CHAT_MESSAGES.FROM_AGENT_ID, CHAT_MESSAGES.CREATED_AT.desc(), CHAT_MESSAGES.MESSAGE_ID.desc())
                .fetch()
                .forEach(row -> latest.put(new AgentId(row.get(CHAT_MESSAGES.FROM_AGENT_ID)), row.get(CHAT_MESSAGES.SENDER_LEAVING)));
        return latest;
    }

    private Map<UUID, List<ChatParticipant>> participantsOf(List<UUID> sessionIds) {
        Map<UUID, List<ChatParticipant>> members = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return members;
        }
        session.dsl().selectFrom(CHAT_PARTICIPANTS)
                .where(CHAT_PARTICIPANTS.SESSION_ID.in(sessionIds))
                .orderBy(CHAT_PARTICIPANTS.ALIAS.collate("C"))
                .fetch(JooqChatStore::toParticipant)
                .forEach(p -> members.computeIfAbsent(p.session(), id -> new ArrayList<>()).add(p));
        return members;
    }

    private static ChatSession toSession(ChatSessionsRecord row) {
        return new ChatSession(row.getSessionId(), new ProjectId(row.getProjectId()), row.getParticipantKey(),
                instant(row.getCreatedAt()));
    }

    private static ChatParticipant toParticipant(ChatParticipantsRecord row) {
        return new ChatParticipant(row.getSessionId(), new AgentId(row.getAgentId()), row.getAlias(),
                row.getLastReadMessageId(), instant(row.getLastReadAt()));
    }

    private static ChatMessage toMessage(ChatMessagesRecord row) {
        return new ChatMessage(row.getMessageId(), row.getSessionId(), new AgentId(row.getFromAgentId()), row.getFromAlias(),
                row.getBody(), row.getSenderLeaving(), row.getHangOn(), row.getFromDid(), row.getToDid(), row.getSignature(),
                row.getSigningKeyId(), instant(row.getCreatedAt()));
    }
}
