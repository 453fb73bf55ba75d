package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.MessagesRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.mail.MailMessage;
import dev.agenthub.protocol.mail.port.MailStore;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.protocol.Tables.MESSAGES;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/** {@link MailStore} on PostgreSQL: one row per message and recipient; the inbox reads an index in order. */
public final class JooqMailStore implements MailStore {

    private final JooqSession session;

    public JooqMailStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public boolean insert(MailMessage message) {
        return session.dsl().insertInto(MESSAGES)
                .set(MESSAGES.MESSAGE_ID, message.id())
                .set(MESSAGES.PROJECT_ID, message.project().value())
                .set(MESSAGES.FROM_AGENT_ID, message.from().value())
                .set(MESSAGES.FROM_ALIAS, message.fromAlias())
                .set(MESSAGES.TO_AGENT_ID, message.to().value())
                .set(MESSAGES.TO_ALIAS, message.toAlias())
                .set(MESSAGES.SUBJECT, message.subject())
                .set(MESSAGES.BODY, message.body())
                .set(MESSAGES.PRIORITY, message.priority().wire())
                .set(MESSAGES.THREAD_ID, message.threadId())
                .set(MESSAGES.FROM_DID, message.fromDid())
                .set(MESSAGES.TO_DID, message.toDid())
                .set(MESSAGES.SIGNATURE, message.signature())
                .set(MESSAGES.SIGNING_KEY_ID, message.signingKeyId())
                .set(MESSAGES.CREATED_AT, utc(message.createdAt()))
                .set(MESSAGES.READ_AT, utc(message.readAt()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<MailMessage> find(UUID id) {
        return session.dsl().selectFrom(MESSAGES).where(MESSAGES.MESSAGE_ID.eq(id)).fetchOptional(JooqMailStore::toMessage);
    }

    @Override
    public List<MailMessage> inbox(AgentId recipient, boolean unreadOnly, int limit) {
        Condition unread = unreadOnly ? MESSAGES.READ_AT.isNull() : DSL.noCondition();
        return session.dsl().selectFrom(MESSAGES)
                .where(MESSAGES.TO_AGENT_ID.eq(recipient.value()), unread)
                .orderBy(MESSAGES.CREATED_AT.desc(), MESSAGES.MESSAGE_ID.desc())
                .limit(limit)
                .fetch(JooqMailStore::toMessage);
    }

    @Override
    public int unreadCount(AgentId recipient) {
        return session.dsl().fetchCount(MESSAGES, MESSAGES.TO_AGENT_ID.eq(recipient.value()), MESSAGES.READ_AT.isNull());
    }

    @Override
    public Optional<Instant> markRead(UUID id, Instant now) {
        return session.dsl().update(MESSAGES)
                .set(MESSAGES.READ_AT, DSL.coalesce(MESSAGES.READ_AT, DSL.val(utc(now))))
                .where(MESSAGES.MESSAGE_ID.eq(id))
                .returning(MESSAGES.READ_AT)
                .fetchOptional(row -> instant(row.get(MESSAGES.READ_AT)));
    }

    private static MailMessage toMessage(MessagesRecord row) {
        return new MailMessage(row.getMessageId(), new ProjectId(row.getProjectId()), new AgentId(row.getFromAgentId()),
                row.getFromAlias(), new AgentId(row.getToAgentId()), row.getToAlias(), row.getSubject(), row.getBody(),
                MailMessage.Priority.fromWire(row.getPriority()), row.getThreadId(), row.getFromDid(), row.getToDid(),
                row.getSignature(), row.getSigningKeyId(), instant(row.getCreatedAt()), instant(row.getReadAt()));
    }
}
