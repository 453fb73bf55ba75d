package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.ReservationsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.persistence.sql.PreparedQuery;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.Sha256;
import dev.agenthub.protocol.reservations.Reservation;
import dev.agenthub.protocol.reservations.port.ReservationStore;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.protocol.Tables.RESERVATIONS;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ReservationStore} on PostgreSQL. Acquire is one {@code INSERT … ON CONFLICT DO UPDATE … WHERE
 * expires_at <= now} statement: the row lock PostgreSQL takes on conflict serialises contenders across
 * connections and instances, and only an expired row is overwritten.
 */
public final class JooqReservationStore implements ReservationStore {

    /**
     * Attempts of acquire when the blocking row vanishes between the upsert and the read of its holder. Each
     * miss means another agent released the key in that instant; five in a row did happen under a 16-thread
     * acquire/release storm on a loaded machine, so the bound is generous and its end is a retryable 503.
     */
    private static final int ACQUIRE_ATTEMPTS = 64;

    /**
     * The statements of acquire, renew and release, which run on every such request: {@link PreparedQuery}s,
     * rendered once. The upsert's {@code now} is the time up to which a stored row must have expired.
     */
    private static final PreparedQuery ACQUIRE = PreparedQuery.of(dsl -> dsl.insertInto(RESERVATIONS)
                    .set(RESERVATIONS.PROJECT_ID, DSL.param("project_id", RESERVATIONS.PROJECT_ID))
                    .set(RESERVATIONS.RESOURCE_KEY, DSL.param("resource_key", RESERVATIONS.RESOURCE_KEY))
                    .set(RESERVATIONS.KEY_HASH, DSL.param("key_hash", RESERVATIONS.KEY_HASH))
                    .set(RESERVATIONS.HOLDER_AGENT_ID, DSL.param("holder_agent_id", RESERVATIONS.HOLDER_AGENT_ID))
                    .set(RESERVATIONS.HOLDER_ALIAS, DSL.param("holder_alias", RESERVATIONS.HOLDER_ALIAS))
                    .set(RESERVATIONS.ACQUIRED_AT, DSL.param("acquired_at", RESERVATIONS.ACQUIRED_AT))
                    .set(RESERVATIONS.EXPIRES_AT, DSL.param("expires_at", RESERVATIONS.EXPIRES_AT))
                    .set(RESERVATIONS.METADATA, DSL.param("metadata", RESERVATIONS.METADATA))
                    .onConflict(RESERVATIONS.PROJECT_ID, RESERVATIONS.KEY_HASH)
                    .doUpdate()
                    .set(RESERVATIONS.RESOURCE_KEY, DSL.excluded(RESERVATIONS.RESOURCE_KEY))
                    .set(RESERVATIONS.HOLDER_AGENT_ID, DSL.excluded(RESERVATIONS.HOLDER_AGENT_ID))
                    .set(RESERVATIONS.HOLDER_ALIAS, DSL.excluded(RESERVATIONS.HOLDER_ALIAS))
                    .set(RESERVATIONS.ACQUIRED_AT, DSL.excluded(RESERVATIONS.ACQUIRED_AT))
                    .set(RESERVATIONS.EXPIRES_AT, DSL.excluded(RESERVATIONS.EXPIRES_AT))
                    .set(RESERVATIONS.METADATA, DSL.excluded(RESERVATIONS.METADATA))
                    .where(RESERVATIONS.EXPIRES_AT.le(DSL.param("now", RESERVATIONS.EXPIRES_AT)))
                    .returning(),
            "project_id", "resource_key", "key_hash", "holder_agent_id", "holder_alias", "acquired_at", "expires_at",
            "metadata", "now");

    private static final PreparedQuery RENEW = PreparedQuery.of(dsl -> dsl.update(RESERVATIONS)
                    .set(RESERVATIONS.EXPIRES_AT, DSL.param("new_expires_at", RESERVATIONS.EXPIRES_AT))
                    .where(heldBy(), live(DSL.param("now", RESERVATIONS.EXPIRES_AT)), holder())
                    .returning(),
            "new_expires_at", "project_id", "key_hash", "now", "holder_agent_id");

    private static final PreparedQuery RELEASE = PreparedQuery.of(dsl -> dsl.deleteFrom(RESERVATIONS)
                    .where(heldBy(), live(DSL.param("now", RESERVATIONS.EXPIRES_AT)), holder())
                    .returning(),
            "project_id", "key_hash", "now", "holder_agent_id");

    private final JooqSession session;

    public JooqReservationStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public AcquireOutcome tryAcquire(Reservation candidate, Instant now) {
        for (int attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
            Optional<ReservationsRecord> stored = ACQUIRE.fetchOptional(session.dsl(), RESERVATIONS.fields(),
                            candidate.projectId().value(), candidate.resourceKey(), keyHash(candidate.resourceKey()),
                            candidate.holderAgentId().value(), candidate.holderAlias(), utc(candidate.acquiredAt()),
                            utc(candidate.expiresAt()), JSON.valueOf(candidate.metadataJson()), utc(now))
                    .map(row -> row.into(RESERVATIONS));
            if (stored.isPresent()) {
                return new AcquireOutcome.Acquired(toReservation(stored.get()));
            }
            Optional<Reservation> holder = findLive(candidate.projectId(), candidate.resourceKey(), now);
            if (holder.isPresent()) {
                return new AcquireOutcome.Held(holder.get());
            }
            // released between the two statements: try again
        }
        throw new DomainError.Unavailable("Reservation is changing hands too fast. Please retry.");
    }

    @Override
    public ChangeOutcome renew(ProjectId project, String resourceKey, AgentId holder, Instant now, Instant newExpiresAt) {
        Optional<ReservationsRecord> renewed = RENEW.fetchOptional(session.dsl(), RESERVATIONS.fields(),
                        utc(newExpiresAt), project.value(), keyHash(resourceKey), utc(now), holder.value())
                .map(row -> row.into(RESERVATIONS));
        return renewed.<ChangeOutcome>map(r -> new ChangeOutcome.Done(toReservation(r)))
                .orElseGet(() -> classifyMiss(project, resourceKey, now));
    }

    @Override
    public ChangeOutcome release(ProjectId project, String resourceKey, AgentId holder, Instant now) {
        Optional<ReservationsRecord> released = RELEASE.fetchOptional(session.dsl(), RESERVATIONS.fields(),
                        project.value(), keyHash(resourceKey), utc(now), holder.value())
                .map(row -> row.into(RESERVATIONS));
        return released.<ChangeOutcome>map(r -> new ChangeOutcome.Done(toReservation(r)))
                .orElseGet(() -> classifyMiss(project, resourceKey, now));
    }

    @Override
    public int releaseAllOf(ProjectId project, AgentId holder, Optional<String> prefix, Instant now) {
        return session.dsl().deleteFrom(RESERVATIONS)
                .where(RESERVATIONS.PROJECT_ID.eq(project.value()), RESERVATIONS.HOLDER_AGENT_ID.eq(holder.value()),
                        live(now), underPrefix(prefix))
                .execute();
    }

    @Override
    public boolean othersHoldUnder(ProjectId project, AgentId holder, Optional<String> prefix, Instant now) {
        return session.dsl().fetchExists(RESERVATIONS,
                RESERVATIONS.PROJECT_ID.eq(project.value()), RESERVATIONS.HOLDER_AGENT_ID.ne(holder.value()),
                live(now), underPrefix(prefix));
    }

    @Override
    public List<Reservation> listLive(ProjectId project, Optional<String> prefix, Instant now) {
        return session.dsl().selectFrom(RESERVATIONS)
                .where(RESERVATIONS.PROJECT_ID.eq(project.value()), live(now), underPrefix(prefix))
                .orderBy(RESERVATIONS.RESOURCE_KEY)
                .fetch(JooqReservationStore::toReservation);
    }

    private ChangeOutcome classifyMiss(ProjectId project, String resourceKey, Instant now) {
        return findLive(project, resourceKey, now)
                .<ChangeOutcome>map(ChangeOutcome.HeldByOther::new)
                .orElseGet(ChangeOutcome.Absent::new);
    }

    private Optional<Reservation> findLive(ProjectId project, String resourceKey, Instant now) {
        return session.dsl().selectFrom(RESERVATIONS)
                .where(key(project, resourceKey), live(now))
                .fetchOptional(JooqReservationStore::toReservation);
    }

    private static Condition key(ProjectId project, String resourceKey) {
        return RESERVATIONS.PROJECT_ID.eq(project.value())
                .and(RESERVATIONS.KEY_HASH.eq(keyHash(resourceKey)));
    }

    /** SHA-256 of the key's UTF-8 bytes: the unique index is on this, since keys can outgrow a btree entry. */
    private static byte[] keyHash(String resourceKey) {
        return Sha256.of(resourceKey);
    }

    /** {@link #key}, with placeholders. */
    private static Condition heldBy() {
        return RESERVATIONS.PROJECT_ID.eq(DSL.param("project_id", RESERVATIONS.PROJECT_ID))
                .and(RESERVATIONS.KEY_HASH.eq(DSL.param("key_hash", RESERVATIONS.KEY_HASH)));
    }

    private static Condition holder() {
        return RESERVATIONS.HOLDER_AGENT_ID.eq(DSL.param("holder_agent_id", RESERVATIONS.HOLDER_AGENT_ID));
    }

    private static Condition live(Instant now) {
        return live(DSL.val(utc(now), RESERVATIONS.EXPIRES_AT));
    }

    private static Condition live(Field<OffsetDateTime> now) {
        return RESERVATIONS.EXPIRES_AT.gt(now);
    }

    /** A literal prefix: LIKE wildcards and the escape character in it match themselves. */
    private static Condition underPrefix(Optional<String> prefix) {
        if (prefix.isEmpty() || prefix.get().isEmpty()) {
            return DSL.noCondition();
        }
        String escaped = prefix.get().replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return RESERVATIONS.RESOURCE_KEY.like(escaped + "%", '!');
    }

    private static Reservation toReservation(ReservationsRecord row) {
        return new Reservation(new ProjectId(row.getProjectId()), row.getResourceKey(), new AgentId(row.getHolderAgentId()),
                row.getHolderAlias(), row.getAcquiredAt().toInstant(), row.getExpiresAt().toInstant(), row.getMetadata().data());
    }
}
