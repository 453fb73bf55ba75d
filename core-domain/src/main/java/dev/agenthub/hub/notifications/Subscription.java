package dev.agenthub.hub.notifications;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One subscription (§4.15): a workspace watches a bead id, in one canonical repo or, with {@code repo} null, in any
 * repo of the project (§14 F4).
 *
 * @param eventTypes at least one of {@link Subscriptions#EVENT_TYPES}
 */
public record Subscription(UUID id, ProjectId project, AgentId workspace, String alias, String beadId, String repo,
                           List<String> eventTypes, Instant createdAt) {

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(beadId, "beadId");
        eventTypes = List.copyOf(eventTypes);
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("a subscription has at least one event type");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
