package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.notifications.Subscription;
import dev.agenthub.hub.notifications.Subscriptions;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The subscription routes of §4.15 (B + AB): subscribe (an upsert on workspace, bead id and repo-or-empty), list
 * newest first, unsubscribe. The body ignores unknown keys (§1.5). A subscription without {@code repo} matches
 * status changes of any repo (§14 F4).
 */
public final class SubscriptionRoutes {

    static final String INVALID_SUBSCRIPTION_ID = "Invalid subscription_id format";

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public SubscriptionRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/subscriptions", Operation.of("subscriptions", "Watch a bead's status changes (upsert)")
                .respond(400, "Invalid bead_id format / Invalid event_type")
                .respond(401, "Authentication required")
                .respond(403, "Workspace not found or does not belong to your project / "
                        + "workspace_id does not match API key identity")
                .respond(422, "Validation failed"), this::subscribe);
        routes.get("/v1/subscriptions", Operation.of("subscriptions", "A workspace's subscriptions, newest first")
                .respond(401, "Authentication required")
                .respond(403, "Workspace not found or does not belong to your project")
                .respond(422, "Validation failed"), this::list);
        routes.delete("/v1/subscriptions/{subscription_id}", Operation.of("subscriptions", "Stop watching a bead")
                .respond(400, "Invalid subscription_id format")
                .respond(401, "Authentication required")
                .respond(403, "Workspace not found or does not belong to your project")
                .respond(404, "Subscription not found")
                .respond(422, "Validation failed"), this::unsubscribe);
    }

    private void subscribe(Context ctx) {
        BodyFields body = bodies.fields(ctx); // unknown keys are ignored (§1.5)
        UUID workspaceId = body.requiredUuid("workspace_id");
        String beadId = body.requiredString("bead_id", 0, Integer.MAX_VALUE);
        String repo = body.nullableString("repo", Integer.MAX_VALUE, null);
        List<String> eventTypes = body.body().hasNonNull("event_types") ? body.requiredStringList("event_types") : null;
        body.validate();
        Subscriptions.checkBeadId(beadId);
        Subscriptions.eventTypes(eventTypes);
        Principal principal = auth.project(ctx);
        Subscription stored = subscriptions().subscribe(principal, new AgentId(workspaceId), beadId,
                repo == null || repo.isEmpty() ? null : repo, eventTypes);
        ctx.json(view(stored));
    }

    private void list(Context ctx) {
        UUID workspaceId = requiredWorkspace(ctx);
        Principal principal = auth.project(ctx);
        List<Map<String, Object>> listed = subscriptions().list(principal, new AgentId(workspaceId)).stream()
                .map(SubscriptionRoutes::view).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("subscriptions", listed);
        response.put("count", listed.size());
        ctx.json(response);
    }

    private void unsubscribe(Context ctx) {
        UUID workspaceId = requiredWorkspace(ctx);
        Principal principal = auth.project(ctx); // before the path's 400: without credentials the route answers 401
        UUID id = Uuids.parse(ctx.pathParam("subscription_id"))
                .orElseThrow(() -> new DomainError.Invalid(INVALID_SUBSCRIPTION_ID, 400));
        subscriptions().unsubscribe(principal, new AgentId(workspaceId), id);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("subscription_id", id.toString());
        response.put("deleted", true);
        ctx.json(response);
    }

    /** The required {@code workspace_id} query parameter: a 422 when missing or not a UUID. */
    private static UUID requiredWorkspace(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        java.util.Optional<UUID> id = ctx.queryParam("workspace_id") == null
                ? java.util.Optional.ofNullable(query.requiredString("workspace_id")).map(UUID::fromString)
                : query.uuid("workspace_id");
        query.validate();
        return id.orElseThrow();
    }

    private Subscriptions subscriptions() {
        return services.get().subscriptions();
    }

    /** A subscription as the routes and the MCP tools answer it. */
    static Map<String, Object> view(Subscription s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subscription_id", s.id().toString());
        view.put("workspace_id", s.workspace().toString());
        view.put("alias", s.alias());
        view.put("bead_id", s.beadId());
        view.put("repo", s.repo());
        view.put("event_types", s.eventTypes());
        view.put("created_at", WireTime.offset(s.createdAt()));
        return view;
    }
}
