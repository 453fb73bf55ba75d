package dev.agenthub.hub.status.port;

import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;

/**
 * Port: {@code escalations_pending} of {@code GET /v1/status} (wire spec §4.13): the number of pending, unexpired
 * escalations of a project at {@code now}. The hub wires {@code Escalations::pending}; {@link #NONE} serves hosts
 * and tests without escalations.
 */
@FunctionalInterface
public interface PendingEscalations {

    /** No escalation capability: always 0. */
    PendingEscalations NONE = (project, now) -> 0;

    int count(ProjectId project, Instant now);
}
