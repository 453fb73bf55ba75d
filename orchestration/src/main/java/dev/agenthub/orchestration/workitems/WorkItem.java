package dev.agenthub.orchestration.workitems;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of autopilot work (wire spec agenthub §4 WorkItemRead, plus the stored fields of §13 and the claim of
 * §14 D1: {@code claimedBy} and {@code leaseExpiresAt} are present together, and only while {@code in_progress}).
 * {@code attempts} counts the item's claims (not on the wire): with {@code AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS} set, an
 * item that used them all is no longer selected by the cycle.
 */
public record WorkItem(long id, long projectId, String title, String description, WorkItemStatus status, int priority,
                       Optional<Long> assignedAgentId, String sourceObjective, String createdBy, Instant createdAt,
                       Instant updatedAt, Optional<Instant> completedAt, Optional<String> claimedBy,
                       Optional<Instant> leaseExpiresAt, int attempts) {

    public WorkItem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(assignedAgentId, "assignedAgentId");
        Objects.requireNonNull(sourceObjective, "sourceObjective");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(claimedBy, "claimedBy");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
    }
}
