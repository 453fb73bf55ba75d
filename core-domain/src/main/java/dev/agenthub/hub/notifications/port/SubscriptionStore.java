package dev.agenthub.hub.notifications.port;

import dev.agenthub.hub.notifications.Subscription;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.List;
import java.util.UUID;

/**
 * Port: the subscriptions of every project (§4.15, §7.1). Joins the caller's transaction when one is active.
 * Implementations are checked by the contract kit's {@code SubscriptionStoreContract}.
 */
public interface SubscriptionStore {

    /**
     * Stores {@code candidate} unless a subscription with its key (project, workspace, bead id, repo-or-empty)
     * exists; then replaces that one's event types and keeps its id, alias and created_at.
     *
     * @return the stored subscription
     */
    Subscription upsert(Subscription candidate);

    /** The workspace's subscriptions in the project, newest first (ties by id, descending). */
    List<Subscription> ofWorkspace(ProjectId project, AgentId workspace);

    /** Deletes the workspace's subscription with this id in the project; false when there is none. */
    boolean delete(ProjectId project, AgentId workspace, UUID id);

    /**
     * The subscriptions of §7.1 that match a status change of {@code beadId} in {@code repo}: same project and
     * bead id, event types include {@code status_change} or {@code all}, the workspace is live, and the repo is
     * {@code repo} or null. Ordered by created_at, then id.
     */
    List<Subscription> matchingStatusChange(ProjectId project, String beadId, String repo);
}
