package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.events.ProjectEvent;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.persistence.jooq.orchestration.tables.records.EventLogsRecord;
import dev.agenthub.persistence.sql.JooqSession;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static dev.agenthub.persistence.jooq.orchestration.Tables.EVENT_LOGS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/** {@link EventLog} on PostgreSQL: one insert per event, in the caller's transaction. */
public final class JooqEventLog implements EventLog {

    private final JooqSession session;

    public JooqEventLog(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public ProjectEvent append(long projectId, String eventType, String payloadJson, Instant at) {
        return toEvent(session.dsl().insertInto(EVENT_LOGS)
                .set(EVENT_LOGS.PROJECT_ID, projectId)
                .set(EVENT_LOGS.EVENT_TYPE, eventType)
                .set(EVENT_LOGS.PAYLOAD_JSON, payloadJson)
                .set(EVENT_LOGS.CREATED_AT, utc(at))
                .returning()
                .fetchSingle());
    }

    @Override
    public List<ProjectEvent> list(long projectId, PageSlice page) {
        return session.dsl().selectFrom(EVENT_LOGS)
                .where(EVENT_LOGS.PROJECT_ID.eq(projectId))
                .orderBy(EVENT_LOGS.CREATED_AT.desc(), EVENT_LOGS.ID.desc())
                .limit(page.limit()).offset(page.offset())
                .fetch(JooqEventLog::toEvent);
    }

    private static ProjectEvent toEvent(EventLogsRecord row) {
        return new ProjectEvent(row.getId(), row.getProjectId(), row.getEventType(), row.getPayloadJson(),
                instant(row.getCreatedAt()));
    }
}
