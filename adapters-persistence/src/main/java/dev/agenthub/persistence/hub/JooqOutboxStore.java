package dev.agenthub.persistence.hub;

import dev.agenthub.hub.notifications.OutboxEntry;
import dev.agenthub.hub.notifications.port.OutboxStore;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link OutboxStore} on PostgreSQL ({@code hub.notification_outbox}); the change's fields are the row's jsonb
 * {@code payload} ({@code bead_id, repo, branch, old_status, new_status, title}, §7.1). {@link #take} is one
 * UPDATE of the row a sub-select locked with {@code FOR UPDATE SKIP LOCKED}, re-checked as due: at READ COMMITTED a
 * row another transaction finished is re-read before the check, so a row is taken by one transaction at a time
 * and never again once completed.
 */
public final class JooqOutboxStore implements OutboxStore {

    private static final String COLUMNS = """
            outbox_id, project_id, recipient_workspace, recipient_alias, payload->>'bead_id' AS bead_id,
            payload->>'repo' AS repo, payload->>'branch' AS branch, payload->>'old_status' AS old_status,
            payload->>'new_status' AS new_status, payload->>'title' AS title, status, attempts, last_error,
            message_id, created_at, processed_at""";

    private final JooqSession session;

    public JooqOutboxStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public void insert(OutboxEntry e) {
        session.dsl().query("""
                        INSERT INTO hub.notification_outbox (outbox_id, project_id, recipient_workspace, recipient_alias,
                            payload, status, attempts, last_error, message_id, created_at, processed_at)
                        VALUES ({0}, {1}, {2}, {3},
                            jsonb_build_object('bead_id', {4}::text, 'repo', {5}::text, 'branch', {6}::text,
                                               'old_status', {7}::text, 'new_status', {8}::text, 'title', {9}::text),
                            {10}, {11}, {12}, {13}, {14}, {15})""",
                DSL.val(e.id()), DSL.val(e.project().value()), DSL.val(e.recipient().value()),
                DSL.val(e.recipientAlias()), DSL.val(e.beadId()), DSL.val(e.repo(), String.class),
                DSL.val(e.branch(), String.class), DSL.val(e.oldStatus(), String.class),
                DSL.val(e.newStatus(), String.class), DSL.val(e.title(), String.class), DSL.val(e.state().wire()),
                DSL.val(e.attempts()), DSL.val(e.lastError(), String.class), DSL.val(e.messageId(), UUID.class),
                DSL.val(utc(e.createdAt())),
                DSL.val(e.processedAt() == null ? null : utc(e.processedAt()), OffsetDateTime.class)).execute();
    }

    @Override
    public Optional<OutboxEntry> find(UUID id) {
        return session.dsl().resultQuery("SELECT " + COLUMNS + " FROM hub.notification_outbox WHERE outbox_id = {0}",
                DSL.val(id)).fetchOptional().map(JooqOutboxStore::toEntry);
    }

    @Override
    public List<OutboxEntry> due(Optional<ProjectId> project, int limit) {
        return session.dsl().resultQuery("SELECT " + COLUMNS + " " + """
                        FROM hub.notification_outbox
                        WHERE status IN ('pending', 'failed') AND attempts < {0} AND ({1}::uuid IS NULL OR project_id = {1})
                        ORDER BY created_at, outbox_id
                        LIMIT {2}""", DSL.val(OutboxEntry.MAX_ATTEMPTS),
                DSL.val(project.map(ProjectId::value).orElse(null), UUID.class), DSL.val(limit))
                .fetch().map(JooqOutboxStore::toEntry);
    }

    @Override
    public Optional<OutboxEntry> take(UUID id) {
        return session.dsl().resultQuery("""
                        WITH locked AS MATERIALIZED (
                            SELECT outbox_id FROM hub.notification_outbox WHERE outbox_id = {0}
                            FOR UPDATE SKIP LOCKED)
                        UPDATE hub.notification_outbox o SET status = 'processing', attempts = o.attempts + 1
                        FROM locked
                        WHERE o.outbox_id = locked.outbox_id AND o.status IN ('pending', 'failed') AND o.attempts < {1}
                        """ + " RETURNING " + COLUMNS.replace("payload", "o.payload").replace("outbox_id,", "o.outbox_id,"),
                DSL.val(id), DSL.val(OutboxEntry.MAX_ATTEMPTS))
                .fetchOptional().map(JooqOutboxStore::toEntry);
    }

    @Override
    public void complete(UUID id, UUID messageId, Instant processedAt) {
        session.dsl().query("""
                        UPDATE hub.notification_outbox
                        SET status = 'completed', message_id = {1}, processed_at = {2}, last_error = NULL
                        WHERE outbox_id = {0}""", DSL.val(id), DSL.val(messageId), DSL.val(utc(processedAt))).execute();
    }

    @Override
    public void fail(UUID id, String error, Instant processedAt) {
        String cut = error == null ? "" : error.length() <= OutboxEntry.MAX_ERROR_LENGTH ? error
                : error.substring(0, OutboxEntry.MAX_ERROR_LENGTH);
        session.dsl().query("""
                        UPDATE hub.notification_outbox SET status = 'failed', last_error = {1}, processed_at = {2}
                        WHERE outbox_id = {0}""", DSL.val(id), DSL.val(cut), DSL.val(utc(processedAt))).execute();
    }

    private static OutboxEntry toEntry(Record r) {
        OffsetDateTime processed = r.get("processed_at", OffsetDateTime.class);
        return new OutboxEntry(r.get("outbox_id", UUID.class), new ProjectId(r.get("project_id", UUID.class)),
                new AgentId(r.get("recipient_workspace", UUID.class)), r.get("recipient_alias", String.class),
                r.get("bead_id", String.class), r.get("repo", String.class), r.get("branch", String.class),
                r.get("old_status", String.class), r.get("new_status", String.class), r.get("title", String.class),
                OutboxEntry.State.ofWire(r.get("status", String.class)), r.get("attempts", Integer.class),
                r.get("last_error", String.class), r.get("message_id", UUID.class),
                instant(r.get("created_at", OffsetDateTime.class)), processed == null ? null : instant(processed));
    }
}
