package dev.agenthub.persistence.hub;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.audit.port.AuditLog;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.json.CompactJson;
import org.jooq.JSONB;

import static dev.agenthub.persistence.jooq.hub.Tables.AUDIT_LOG;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/** {@link AuditLog} on PostgreSQL: one row of {@code hub.audit_log} per entry, the details as {@code jsonb}. */
public final class JooqAuditLog implements AuditLog {

    private final JooqSession session;

    public JooqAuditLog(JooqSession session) {
        this.session = session;
    }

    @Override
    public void append(AuditEntry entry) {
        session.dsl().insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AUDIT_ID, entry.id())
                .set(AUDIT_LOG.PROJECT_ID, entry.project().value())
                .set(AUDIT_LOG.EVENT_TYPE, entry.eventType())
                .set(AUDIT_LOG.ACTOR_ID, entry.actor() == null ? null : entry.actor().value())
                .set(AUDIT_LOG.DETAILS, JSONB.valueOf(CompactJson.write(entry.details())))
                .set(AUDIT_LOG.CREATED_AT, utc(entry.createdAt()))
                .execute();
    }
}
