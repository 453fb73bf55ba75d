package dev.agenthub.protocol.reservations;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.reservations.port.ReservationEvents;
import dev.agenthub.protocol.reservations.port.ReservationStore;
import dev.agenthub.protocol.reservations.port.ReservationStore.AcquireOutcome;
import dev.agenthub.protocol.reservations.port.ReservationStore.ChangeOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The reservation use cases (wire spec §8): acquire, renew, release, revoke, list. Rejections are the
 * spec's errors, with the exact texts clients see. Acquisitions and releases are published through
 * {@link ReservationEvents} ({@code reservation.acquired}, {@code reservation.released}).
 */
public final class Reservations {

    /** TTLs are clamped to this range, in seconds. */
    public static final long MIN_TTL_SECONDS = 60;
    public static final long MAX_TTL_SECONDS = 3600;
    /** Longest resource key, in characters (code points). */
    public static final int MAX_KEY_LENGTH = 4096;

    private final ReservationStore store;
    private final Clock clock;
    private final ReservationEvents events;

    public Reservations(ReservationStore store, ReservationEvents events, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Who acts: the authenticated agent and its alias. */
    public record Actor(ProjectId project, AgentId agent, String alias) {
        public Actor {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(alias, "alias");
        }
    }

    /**
     * Takes the key for the actor.
     *
     * @throws DomainError.Conflict {@code Reservation is already held} with {@code holder_agent_id},
     *                              {@code holder_alias} and {@code expires_at} at the top level, when a live
     *                              reservation exists, even the actor's own (there is no implicit renew)
     */
    public Reservation acquire(Actor actor, String resourceKey, long ttlSeconds, String metadataJson) {
        requireKey(resourceKey);
        Instant now = now();
        Reservation candidate = new Reservation(actor.project(), resourceKey, actor.agent(), actor.alias(), now,
                now.plus(clampedTtl(ttlSeconds)), metadataJson == null ? "{}" : metadataJson);
        return switch (store.tryAcquire(candidate, now)) {
            case AcquireOutcome.Acquired acquired -> {
                events.acquired(acquired.reservation(), clampedTtl(ttlSeconds).toSeconds());
                yield acquired.reservation();
            }
            case AcquireOutcome.Held held -> throw alreadyHeld(held.holder());
        };
    }

    /**
     * Extends the actor's live reservation to now + the clamped TTL.
     *
     * @throws DomainError.NotFound {@code Reservation not found} when missing or expired
     * @throws DomainError.Conflict {@code Reservation held by another agent}
     */
    public Reservation renew(Actor actor, String resourceKey, long ttlSeconds) {
        requireKey(resourceKey);
        Instant now = now();
        return switch (store.renew(actor.project(), resourceKey, actor.agent(), now, now.plus(clampedTtl(ttlSeconds)))) {
            case ChangeOutcome.Done done -> done.reservation();
            case ChangeOutcome.Absent absent -> throw new DomainError.NotFound("Reservation not found");
            case ChangeOutcome.HeldByOther other -> throw new DomainError.Conflict("Reservation held by another agent");
        };
    }

    /**
     * Releases the actor's reservation; a missing or expired one counts as released.
     *
     * @return the released reservation, empty when there was none (no event is due then)
     * @throws DomainError.Conflict {@code Reservation held by another agent}
     */
    public Optional<Reservation> release(Actor actor, String resourceKey) {
        requireKey(resourceKey);
        return switch (store.release(actor.project(), resourceKey, actor.agent(), now())) {
            case ChangeOutcome.Done done -> {
                events.released(actor.project(), actor.agent(), actor.alias(), resourceKey);
                yield Optional.of(done.reservation());
            }
            case ChangeOutcome.Absent absent -> Optional.empty();
            case ChangeOutcome.HeldByOther other -> throw new DomainError.Conflict("Reservation held by another agent");
        };
    }

    /**
     * Releases all of the actor's reservations, optionally under a literal key prefix.
     *
     * @return how many were released
     * @throws DomainError.Forbidden {@code Cannot revoke reservations held by other agents} when the prefix
     *                               matched none of the actor's reservations but some of others'
     */
    public int revoke(Actor actor, Optional<String> prefix) {
        Instant now = now();
        int deleted = store.releaseAllOf(actor.project(), actor.agent(), prefix, now);
        if (deleted == 0 && store.othersHoldUnder(actor.project(), actor.agent(), prefix, now)) {
            throw new DomainError.Forbidden("Cannot revoke reservations held by other agents");
        }
        return deleted;
    }

    /** The project's live reservations, optionally under a literal key prefix, ordered by key. */
    public List<Reservation> list(ProjectId project, Optional<String> prefix) {
        return store.listLive(project, prefix, now());
    }

    /** The TTL actually applied for a requested one: clamped to [60, 3600] seconds. */
    public static Duration clampedTtl(long requestedSeconds) {
        return Duration.ofSeconds(Math.max(MIN_TTL_SECONDS, Math.min(MAX_TTL_SECONDS, requestedSeconds)));
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }

    private static void requireKey(String resourceKey) {
        // characters, as the wire rule and the column's check count them: code points, not UTF-16 units
        if (resourceKey == null || resourceKey.isEmpty() || resourceKey.codePointCount(0, resourceKey.length()) > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("resource_key must be 1.." + MAX_KEY_LENGTH + " characters");
        }
    }

    private static DomainError.Conflict alreadyHeld(Reservation holder) {
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("holder_agent_id", holder.holderAgentId().toString());
        fields.put("holder_alias", holder.holderAlias());
        fields.put("expires_at", WireTime.offset(holder.expiresAt()));
        return new DomainError.Conflict("Reservation is already held", fields);
    }
}
