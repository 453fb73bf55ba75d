package dev.agenthub.hub.notifications;

import dev.agenthub.hub.notifications.port.SubscriptionStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.time.WireTime;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The subscription use cases of §4.15: subscribe (an upsert), list and unsubscribe, each for a live workspace of
 * the caller's project that the caller's key is bound to (B + AB).
 */
public final class Subscriptions {

    /** The event types a subscription may name (§4.15); only the first and the last ever fire. */
    public static final List<String> EVENT_TYPES = List.of("status_change", "priority_change", "assignee_change", "all");
    /** The event types of a subscription that names none. */
    public static final List<String> DEFAULT_EVENT_TYPES = List.of("status_change");
    /** The subscription bead-id rule of §2.2 (an optional {@code prefix:}, no dots). */
    static final Pattern BEAD_ID = Pattern.compile(
            "^([A-Za-z0-9][A-Za-z0-9_-]{0,99}:)?[A-Za-z0-9][A-Za-z0-9_-]{0,99}$");
    static final String FOREIGN = "Workspace not found or does not belong to your project";
    static final String BINDING = "workspace_id does not match API key identity";
    static final String NOT_FOUND = "Subscription not found";
    static final String VALID_TYPES = "{'all', 'assignee_change', 'priority_change', 'status_change'}";

    private final SubscriptionStore subscriptions;
    private final WorkspaceStore workspaces;
    private final Clock clock;
    private final IdGenerator ids;

    public Subscriptions(SubscriptionStore subscriptions, WorkspaceStore workspaces, Clock clock, IdGenerator ids) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** 400 {@code Invalid bead_id format: <first 100>} unless {@code beadId} passes the subscription rule. */
    public static void checkBeadId(String beadId) {
        if (!BEAD_ID.matcher(beadId).matches()) {
            throw new DomainError.Invalid("Invalid bead_id format: " + first(beadId, 100), 400);
        }
    }

    /**
     * The event types to store: the given ones without repeats, in order, or {@link #DEFAULT_EVENT_TYPES} for
     * null or empty; 400 {@code Invalid event_type: <t>. Valid: {…}} for the first unknown one.
     */
    public static List<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT_EVENT_TYPES;
        }
        for (String type : requested) {
            if (!EVENT_TYPES.contains(type)) {
                throw new DomainError.Invalid("Invalid event_type: " + type + ". Valid: " + VALID_TYPES, 400);
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    /**
     * {@code POST /v1/subscriptions}: stores the subscription, or replaces the event types of the one with the
     * same (workspace, bead id, repo-or-empty) and keeps its id.
     *
     * @param repo a canonical origin, or null for any repo of the project (§14 F4)
     */
    public Subscription subscribe(Principal principal, AgentId workspace, String beadId, String repo,
                                  List<String> eventTypes) {
        checkBeadId(beadId);
        List<String> types = eventTypes(eventTypes);
        Workspace subscriber = liveWorkspace(principal, workspace);
        return subscriptions.upsert(new Subscription(ids.newId(), subscriber.project(), subscriber.id(),
                subscriber.alias(), beadId, repo, types, WireTime.truncate(clock.instant())));
    }

    /** {@code GET /v1/subscriptions}: the workspace's subscriptions, newest first. */
    public List<Subscription> list(Principal principal, AgentId workspace) {
        Workspace subscriber = liveWorkspace(principal, workspace);
        return subscriptions.ofWorkspace(subscriber.project(), subscriber.id());
    }

    /** {@code DELETE /v1/subscriptions/{id}}: 404 {@code Subscription not found} unless the workspace has it. */
    public void unsubscribe(Principal principal, AgentId workspace, UUID id) {
        Workspace subscriber = liveWorkspace(principal, workspace);
        if (!subscriptions.delete(subscriber.project(), subscriber.id(), id)) {
            throw new DomainError.NotFound(NOT_FOUND);
        }
    }

    private Workspace liveWorkspace(Principal principal, AgentId workspace) {
        Authenticator.requireBinding(principal, workspace, BINDING);
        return workspaces.find(workspace).filter(Workspace::live)
                .filter(w -> w.project().equals(principal.project()))
                .orElseThrow(() -> new DomainError.Forbidden(FOREIGN));
    }

    private static String first(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
