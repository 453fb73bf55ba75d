package dev.agenthub.persistence.hub;

import dev.agenthub.hub.escalations.Escalation;
import dev.agenthub.hub.escalations.port.EscalationStore;
import dev.agenthub.persistence.jooq.hub.tables.records.EscalationsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.ESCALATIONS;
import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link EscalationStore} on PostgreSQL ({@code hub.escalations}). "Visible" is a live row in
 * {@code hub.workspaces} for the escalation's workspace. The status a reader sees at {@code now} is computed in
 * SQL exactly as {@link Escalation#asOf(Instant)} does. {@link #respond} is one conditional UPDATE; the sweep's
 * {@link #expireDue} is one UPDATE of the rows a materialised sub-select locked with {@code FOR UPDATE SKIP LOCKED},
 * re-checked as pending and due: at READ COMMITTED a row another transaction changed is re-read before the check, so each
 * row turns expired (and is returned) in exactly one statement, and a response never overwrites an expiry nor
 * the other way round.
 */
public final class JooqEscalationStore implements EscalationStore {

    private static final String PENDING = Escalation.State.PENDING.wireName();
    private static final String RESPONDED = Escalation.State.RESPONDED.wireName();
    private static final String EXPIRED = Escalation.State.EXPIRED.wireName();

    private final JooqSession session;

    public JooqEscalationStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public void insert(Escalation e) {
        session.dsl().insertInto(ESCALATIONS)
                .set(ESCALATIONS.ESCALATION_ID, e.id())
                .set(ESCALATIONS.PROJECT_ID, e.project().value())
                .set(ESCALATIONS.WORKSPACE_ID, e.workspace().value())
                .set(ESCALATIONS.ALIAS, e.alias())
                .set(ESCALATIONS.MEMBER_EMAIL, e.memberEmail())
                .set(ESCALATIONS.SUBJECT, e.subject())
                .set(ESCALATIONS.SITUATION, e.situation())
                .set(ESCALATIONS.OPTIONS, e.options() == null ? null : e.options().toArray(String[]::new))
                .set(ESCALATIONS.STATUS, e.status().wireName())
                .set(ESCALATIONS.RESPONSE, e.response())
                .set(ESCALATIONS.RESPONSE_NOTE, e.responseNote())
                .set(ESCALATIONS.CREATED_AT, time(e.createdAt()))
                .set(ESCALATIONS.RESPONDED_AT, e.respondedAt() == null ? null : time(e.respondedAt()))
                .set(ESCALATIONS.EXPIRES_AT, time(e.expiresAt()))
                .execute();
    }

    @Override
    public Optional<Escalation> find(ProjectId project, UUID id) {
        return session.dsl().selectFrom(ESCALATIONS)
                .where(ESCALATIONS.ESCALATION_ID.eq(id), ESCALATIONS.PROJECT_ID.eq(project.value()), visible())
                .fetchOptional(JooqEscalationStore::toEscalation);
    }

    @Override
    public Page<Escalation> page(ProjectId project, Filter filter, Instant now, PageRequest request) {
        OffsetDateTime at = time(now);
        Condition where = ESCALATIONS.PROJECT_ID.eq(project.value())
                .and(WORKSPACES.DELETED_AT.isNull())
                .and(filter.workspace().map(w -> ESCALATIONS.WORKSPACE_ID.eq(w.value())).orElse(DSL.noCondition()))
                .and(filter.repo().map(r -> WORKSPACES.REPO_ID.eq(r.value())).orElse(DSL.noCondition()))
                .and(filter.alias().map(ESCALATIONS.ALIAS::eq).orElse(DSL.noCondition()))
                .and(filter.status().map(s -> seenAs(s, at)).orElse(DSL.noCondition()));
        if (request.after().isPresent()) {
            CursorKey after = request.after().get();
            OffsetDateTime createdAt = utc(after.requireTimestamp("created_at"));
            Condition before = ESCALATIONS.CREATED_AT.lt(createdAt);
            if (after.has("escalation_id")) {
                UUID id = cursorUuid(after);
                before = before.or(ESCALATIONS.CREATED_AT.eq(createdAt).and(ESCALATIONS.ESCALATION_ID.lt(id)));
            }
            where = where.and(before);
        }
        List<Escalation> rows = session.dsl().select(ESCALATIONS.fields())
                .from(ESCALATIONS)
                .join(WORKSPACES).on(WORKSPACES.WORKSPACE_ID.eq(ESCALATIONS.WORKSPACE_ID))
                .where(where)
                .orderBy(ESCALATIONS.CREATED_AT.desc(), ESCALATIONS.ESCALATION_ID.desc())
                .limit(request.fetchSize())
                .fetch(row -> toEscalation(row.into(ESCALATIONS)));
        return Page.fromOverfetch(rows, request, e -> {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("created_at", CursorKey.timestamp(e.createdAt()));
            key.put("escalation_id", e.id().toString());
            return CursorKey.of(key);
        });
    }

    @Override
    public Outcome respond(ProjectId project, UUID id, String response, String note, Instant respondedAt,
                           Instant now) {
        OffsetDateTime at = time(now);
        Optional<Escalation> written = session.dsl().update(ESCALATIONS)
                .set(ESCALATIONS.STATUS, RESPONDED)
                .set(ESCALATIONS.RESPONSE, response)
                .set(ESCALATIONS.RESPONSE_NOTE, note)
                .set(ESCALATIONS.RESPONDED_AT, time(respondedAt))
                .where(ESCALATIONS.ESCALATION_ID.eq(id), ESCALATIONS.PROJECT_ID.eq(project.value()), visible(),
                        seenAs(Escalation.State.EXPIRED, at).not())
                .returning()
                .fetchOptional(JooqEscalationStore::toEscalation);
        if (written.isPresent()) {
            return new Responded(written.get());
        }
        return find(project, id).<Outcome>map(Expired::new).orElseGet(Missing::new);
    }

    @Override
    public List<Escalation> expireDue(Instant now, int limit) {
        // a materialised CTE: the locking sub-select runs once, so LIMIT holds (an IN (sub-select) may be rescanned)
        return session.dsl().resultQuery("""
                        WITH due AS MATERIALIZED (
                            SELECT escalation_id FROM hub.escalations
                            WHERE status = 'pending' AND expires_at <= {0}
                            ORDER BY expires_at
                            LIMIT {1}
                            FOR UPDATE SKIP LOCKED)
                        UPDATE hub.escalations e SET status = 'expired'
                        FROM due
                        WHERE e.escalation_id = due.escalation_id AND e.status = 'pending' AND e.expires_at <= {0}
                        RETURNING e.*""", DSL.val(time(now)), DSL.val(limit))
                .fetchInto(ESCALATIONS)
                .map(JooqEscalationStore::toEscalation);
    }

    @Override
    public int countPending(ProjectId project, Instant now) {
        return session.dsl().fetchCount(ESCALATIONS, ESCALATIONS.PROJECT_ID.eq(project.value()), visible(),
                seenAs(Escalation.State.PENDING, time(now)));
    }

    /** The rows a reader sees in {@code state} at {@code now}. */
    private static Condition seenAs(Escalation.State state, OffsetDateTime now) {
        return switch (state) {
            case PENDING -> ESCALATIONS.STATUS.eq(PENDING).and(ESCALATIONS.EXPIRES_AT.gt(now));
            case RESPONDED -> ESCALATIONS.STATUS.eq(RESPONDED);
            case EXPIRED -> ESCALATIONS.STATUS.eq(EXPIRED)
                    .or(ESCALATIONS.STATUS.eq(PENDING).and(ESCALATIONS.EXPIRES_AT.le(now)));
        };
    }

    /** The escalation's workspace is live. */
    private static Condition visible() {
        return DSL.exists(DSL.selectOne().from(WORKSPACES)
                .where(WORKSPACES.WORKSPACE_ID.eq(ESCALATIONS.WORKSPACE_ID), WORKSPACES.DELETED_AT.isNull()));
    }

    private static OffsetDateTime time(Instant instant) {
        return utc(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static UUID cursorUuid(CursorKey cursor) {
        try {
            return UUID.fromString(cursor.requireString("escalation_id"));
        } catch (IllegalArgumentException e) {
            throw new DomainError.Invalid("Invalid cursor: bad escalation_id");
        }
    }

    private static Escalation toEscalation(EscalationsRecord row) {
        return new Escalation(row.getEscalationId(), new ProjectId(row.getProjectId()),
                new AgentId(row.getWorkspaceId()), row.getAlias(), row.getMemberEmail(), row.getSubject(),
                row.getSituation(), row.getOptions() == null ? null : Arrays.asList(row.getOptions()),
                Escalation.State.ofWireName(row.getStatus())
                        .orElseThrow(() -> new IllegalStateException("unknown escalation status " + row.getStatus())),
                row.getResponse(), row.getResponseNote(), instant(row.getCreatedAt()),
                row.getRespondedAt() == null ? null : instant(row.getRespondedAt()), instant(row.getExpiresAt()));
    }
}
