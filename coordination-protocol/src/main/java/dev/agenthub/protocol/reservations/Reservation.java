package dev.agenthub.protocol.reservations;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;

/**
 * One reservation row.
 *
 * @param metadataJson the client's metadata object as JSON text; opaque to the domain, returned as given
 */
public record Reservation(
        ProjectId projectId,
        String resourceKey,
        AgentId holderAgentId,
        String holderAlias,
        Instant acquiredAt,
        Instant expiresAt,
        String metadataJson) {

    public Reservation {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(resourceKey, "resourceKey");
        Objects.requireNonNull(holderAgentId, "holderAgentId");
        Objects.requireNonNull(holderAlias, "holderAlias");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(metadataJson, "metadataJson");
        if (!expiresAt.isAfter(acquiredAt)) {
            throw new IllegalArgumentException("a reservation expires after it is acquired");
        }
    }

    /** Live at {@code now}: not yet expired. */
    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    public boolean heldBy(AgentId agent) {
        return holderAgentId.equals(agent);
    }
}
