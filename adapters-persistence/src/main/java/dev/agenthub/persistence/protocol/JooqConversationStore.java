package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.ChatMessages;
import dev.agenthub.persistence.jooq.protocol.tables.ChatParticipants;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.conversations.Conversation;
import dev.agenthub.protocol.conversations.ConversationKey;
import dev.agenthub.protocol.conversations.port.ConversationStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.protocol.Tables.CHAT_MESSAGES;
import static dev.agenthub.persistence.jooq.protocol.Tables.CHAT_PARTICIPANTS;
import static dev.agenthub.persistence.jooq.protocol.Tables.CHAT_SESSIONS;
import static dev.agenthub.persistence.jooq.protocol.Tables.MESSAGES;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ConversationStore} on PostgreSQL: one query per source summarises the agent's threads or sessions in the
 * database (latest message, preview, participants, unread count) and returns only the page asked for, in list
 * order after the cursor. Previews are cut to {@value Conversation#PREVIEW_LENGTH} characters by {@code left()},
 * so whole bodies never leave the database.
 */
public final class JooqConversationStore implements ConversationStore {

    private final JooqSession session;

    public JooqConversationStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public List<Conversation> mailThreads(ProjectId project, AgentId agent, ConversationKey after, int limit) {
        UUID me = agent.value();
        // the agent's messages, sent or received (messages_sent_idx, messages_inbox_idx), with their thread
        Field<UUID> thread = DSL.coalesce(MESSAGES.THREAD_ID, MESSAGES.MESSAGE_ID).as("thread");
        CommonTableExpression<?> mine = DSL.name("mine").as(DSL.select(thread, MESSAGES.MESSAGE_ID, MESSAGES.FROM_ALIAS,
                        MESSAGES.TO_AGENT_ID, MESSAGES.TO_ALIAS, MESSAGES.SUBJECT, MESSAGES.BODY, MESSAGES.CREATED_AT, MESSAGES.READ_AT)
                .from(MESSAGES)
                .where(MESSAGES.PROJECT_ID.eq(project.value()), MESSAGES.TO_AGENT_ID.eq(me).or(MESSAGES.FROM_AGENT_ID.eq(me))));
        Field<UUID> mineThread = mine.field(thread);
        Field<OffsetDateTime> mineAt = mine.field(MESSAGES.CREATED_AT);
        Field<UUID> mineId = mine.field(MESSAGES.MESSAGE_ID);

        // each thread's latest message
        Field<String> preview = DSL.left(mine.field(MESSAGES.BODY), Conversation.PREVIEW_LENGTH).as("preview");
        CommonTableExpression<?> latest = DSL.name("latest").as(DSL.selectDistinct(mineThread, mineAt, mineId,
                        mine.field(MESSAGES.FROM_ALIAS), mine.field(MESSAGES.SUBJECT), preview)
                .on(mineThread)
                .from(mine)
                .orderBy(mineThread, mineAt.desc(), mineId.desc()));
        // each thread's participants and what the agent has not read of it
        Field<Integer> unread = DSL.count().filterWhere(mine.field(MESSAGES.TO_AGENT_ID).eq(me)
                .and(mine.field(MESSAGES.READ_AT).isNull())).as("unread");
        Field<String[]> senders = DSL.arrayAggDistinct(mine.field(MESSAGES.FROM_ALIAS)).as("senders");
        Field<String[]> recipients = DSL.arrayAggDistinct(mine.field(MESSAGES.TO_ALIAS)).as("recipients");
        CommonTableExpression<?> stats = DSL.name("stats").as(DSL.select(mineThread, unread, senders, recipients)
                .from(mine)
                .groupBy(mineThread));

        Field<UUID> id = latest.field(thread);
        Field<OffsetDateTime> at = latest.field(MESSAGES.CREATED_AT);
        return session.dsl().with(mine, latest, stats)
                .select(id, at, latest.field(MESSAGES.FROM_ALIAS), latest.field(MESSAGES.SUBJECT), latest.field(preview),
                        stats.field(unread), stats.field(senders), stats.field(recipients))
                .from(latest)
                .join(stats).on(stats.field(thread).eq(id))
                .where(after(at, id, after, Conversation.Kind.MAIL))
                .orderBy(at.desc(), id.desc())
                .limit(limit)
                .fetch(row -> {
                    List<String> participants = new ArrayList<>(Arrays.asList(row.get(stats.field(senders))));
                    participants.addAll(Arrays.asList(row.get(stats.field(recipients))));
                    return new Conversation(Conversation.Kind.MAIL, row.get(id), participants,
                            row.get(latest.field(MESSAGES.SUBJECT)), instant(row.get(at)), row.get(latest.field(MESSAGES.FROM_ALIAS)),
                            row.get(latest.field(preview)), row.get(stats.field(unread)));
                });
    }

    @Override
    public List<Conversation> chatSessions(ProjectId project, AgentId agent, ConversationKey after, int limit) {
        UUID me = agent.value();
        ChatParticipants mine = CHAT_PARTICIPANTS.as("mine");
        // each session's latest message (chat_messages_session_idx, read backwards)
        Field<String> preview = DSL.left(CHAT_MESSAGES.BODY, Conversation.PREVIEW_LENGTH).as("preview");
        Table<?> last = DSL.lateral(DSL.select(CHAT_MESSAGES.CREATED_AT, CHAT_MESSAGES.MESSAGE_ID, CHAT_MESSAGES.FROM_ALIAS, preview)
                .from(CHAT_MESSAGES)
                .where(CHAT_MESSAGES.SESSION_ID.eq(mine.SESSION_ID))
                .orderBy(CHAT_MESSAGES.CREATED_AT.desc(), CHAT_MESSAGES.MESSAGE_ID.desc())
                .limit(1)
                .asTable("last"));
        // messages of others after the agent's cursor
        ChatMessages other = CHAT_MESSAGES.as("other");
        Field<Integer> unread = DSL.field(DSL.selectCount().from(other)
                .where(other.SESSION_ID.eq(mine.SESSION_ID), other.FROM_AGENT_ID.ne(me),
                        JooqChatStore.afterCursor(other, mine))).as("unread");
        ChatParticipants everyone = CHAT_PARTICIPANTS.as("everyone");
        Field<String[]> participants = DSL.field(DSL.select(DSL.arrayAgg(everyone.ALIAS).orderBy(everyone.ALIAS.collate("C")))
                .from(everyone)
                .where(everyone.SESSION_ID.eq(mine.SESSION_ID))).as("participants");

        Field<UUID> id = CHAT_SESSIONS.SESSION_ID;
        Field<OffsetDateTime> at = last.field(CHAT_MESSAGES.CREATED_AT);
        return session.dsl().select(id, at, last.field(CHAT_MESSAGES.FROM_ALIAS), last.field(preview), unread, participants)
                .from(mine)
                .join(CHAT_SESSIONS).on(CHAT_SESSIONS.SESSION_ID.eq(mine.SESSION_ID))
                .crossJoin(last)
                .where(mine.AGENT_ID.eq(me), CHAT_SESSIONS.PROJECT_ID.eq(project.value()),
                        after(at, id, after, Conversation.Kind.CHAT))
                .orderBy(at.desc(), id.desc())
                .limit(limit)
                .fetch(row -> new Conversation(Conversation.Kind.CHAT, row.get(id), Arrays.asList(row.get(participants)), "",
                        instant(row.get(at)), row.get(last.field(CHAT_MESSAGES.FROM_ALIAS)), row.get(last.field(preview)),
                        row.get(unread)));
    }

    /** Rows of {@code source} after the cursor in list order: {@code (at, id)} below it, or equal when ties follow. */
    private static Condition after(Field<OffsetDateTime> at, Field<UUID> id, ConversationKey after, Conversation.Kind source) {
        if (after == null) {
            return DSL.noCondition();
        }
        var key = DSL.row(DSL.val(utc(after.lastMessageAt()), at), DSL.val(after.id(), id));
        return after.tieFollows(source) ? DSL.row(at, id).le(key) : DSL.row(at, id).lt(key);
    }
}
