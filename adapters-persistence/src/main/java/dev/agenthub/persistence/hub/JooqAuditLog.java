package dev.agenthub.persistence.hub;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.audit.port.AuditLog;
import dev.agenthub.hub.audit.port.AuditLogReader;
import dev.agenthub.persistence.jooq.hub.tables.records.AuditLogRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.AUDIT_LOG;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link AuditLog} and {@link AuditLogReader} on PostgreSQL: one row of {@code hub.audit_log} per entry, the
 * details as {@code jsonb}. A page reads the index {@code (project_id, created_at DESC, audit_id)} in its own
 * order, so the keyset predicate and the {@code LIMIT} stop the scan after the page's rows.
 */
public final class JooqAuditLog implements AuditLog, AuditLogReader {

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

    @Override
    public Page<AuditEntry> page(ProjectId project, Filter filter, PageRequest request) {
        Condition where = AUDIT_LOG.PROJECT_ID.eq(project.value())
                .and(filter.eventTypes().isEmpty() ? DSL.noCondition() : AUDIT_LOG.EVENT_TYPE.in(filter.eventTypes()))
                .and(filter.actor().map(a -> AUDIT_LOG.ACTOR_ID.eq(a.value())).orElse(DSL.noCondition()))
                .and(filter.since().map(s -> AUDIT_LOG.CREATED_AT.ge(utc(s))).orElse(DSL.noCondition()))
                .and(filter.until().map(u -> AUDIT_LOG.CREATED_AT.lt(utc(u))).orElse(DSL.noCondition()));
        if (request.after().isPresent()) {
            CursorKey after = request.after().get();
            OffsetDateTime createdAt = utc(after.requireTimestamp("created_at"));
            UUID id = cursorId(after);
            where = where.and(AUDIT_LOG.CREATED_AT.lt(createdAt)
                    .or(AUDIT_LOG.CREATED_AT.eq(createdAt).and(AUDIT_LOG.AUDIT_ID.gt(id))));
        }
        List<AuditEntry> rows = session.dsl().selectFrom(AUDIT_LOG)
                .where(where)
                .orderBy(AUDIT_LOG.CREATED_AT.desc(), AUDIT_LOG.AUDIT_ID.asc())
                .limit(request.fetchSize())
                .fetch(JooqAuditLog::toEntry);
        return Page.fromOverfetch(rows, request, e -> {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("created_at", CursorKey.timestamp(e.createdAt()));
            key.put("audit_id", e.id().toString());
            return CursorKey.of(key);
        });
    }

    private static UUID cursorId(CursorKey cursor) {
        return Uuids.parse(cursor.requireString("audit_id"))
                .orElseThrow(() -> new DomainError.Invalid("Invalid cursor: bad audit_id"));
    }

    @SuppressWarnings("unchecked")
    private static AuditEntry toEntry(AuditLogRecord row) {
        SequencedMap<String, Object> details = (SequencedMap<String, Object>) CompactJson.parse(row.getDetails().data());
        return new AuditEntry(row.getAuditId(), new ProjectId(row.getProjectId()), row.getEventType(),
                row.getActorId() == null ? null : new AgentId(row.getActorId()), details, instant(row.getCreatedAt()));
    }
}
