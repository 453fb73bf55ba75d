package dev.agenthub.protocol.reservations.port;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.reservations.Reservation;

/**
 * Port: told by the reservation use cases what changed, after it was written (live events, §13.1).
 * Implementations never throw and never block on subscribers.
 */
public interface ReservationEvents {

    /** The reservation was acquired with this (clamped) TTL. */
    void acquired(Reservation reservation, long ttlSeconds);

    /** The holder released its live reservation of the key. */
    void released(ProjectId project, AgentId holder, String holderAlias, String resourceKey);

    /** Publishes nothing. */
    ReservationEvents NONE = new ReservationEvents() {
        @Override
        public void acquired(Reservation reservation, long ttlSeconds) {
        }

        @Override
        public void released(ProjectId project, AgentId holder, String holderAlias, String resourceKey) {
        }
    };
}
