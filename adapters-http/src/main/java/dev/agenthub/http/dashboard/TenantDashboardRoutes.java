package dev.agenthub.http.dashboard;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.v1.AuditRoutes;
import dev.agenthub.http.v1.CoordinationServices;
import dev.agenthub.http.v1.EscalationRoutes;
import dev.agenthub.http.v1.StatusRoutes;
import dev.agenthub.hub.escalations.Escalation;
import dev.agenthub.hub.tenants.TenantContext;
import dev.agenthub.hub.tenants.TenantScopes;
import dev.agenthub.protocol.kernel.id.AgentId;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tenant dashboard ({@code /dashboard/v1/...}, docs/dashboard-api.md): the human side of the coordination API
 * for the people who answer agents' escalations and watch the fleet. Every route is protected by the
 * {@link TenantFilter} (seeds R-T1), which runs first; the tenant ({@code workspaceId}) is a coordination project,
 * and the routes call the same use cases as {@code /v1} with that project's scope, so another project's ids are
 * unknown. Query and body rules, and the success bodies, are those of the matching {@code /v1} routes; errors are
 * in the coded shape ({@code {"error":{"code","message"}}}).
 */
public final class TenantDashboardRoutes {

    public static final String PREFIX = "/dashboard/v1";

    private static final String AUTH = "AUTH_REQUIRED (no bearer token)";
    private static final String REJECTED = "INVALID_TOKEN / TOKEN_EXPIRED / AUTH_ERROR";
    private static final String SCOPED = REJECTED + " / WORKSPACE_REQUIRED (no workspaceId claim)";

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final TenantFilter filter;

    public TenantDashboardRoutes(Supplier<CoordinationServices> services, JsonBodies bodies, TenantFilter filter) {
        this.services = services;
        this.bodies = bodies;
        this.filter = filter;
    }

    public void register(ApiRoutes routes) {
        routes.get(PREFIX + "/me", Operation.of("dashboard", "The caller's request context (tenant token; workspaceId optional)")
                .respond(401, AUTH).respond(403, REJECTED), this::me);
        routes.get(PREFIX + "/escalations", Operation.of("dashboard",
                        "The tenant project's escalations, newest first (filters and paging of GET /v1/escalations)")
                .respond(401, AUTH).respond(403, SCOPED + " / FORBIDDEN (workspace_id not in the project)")
                .respond(404, "WORKSPACE_NOT_FOUND")
                .respond(422, "VALIDATION_ERROR"), this::escalations);
        routes.get(PREFIX + "/escalations/{escalation_id}", Operation.of("dashboard",
                        "One of the tenant project's escalations with its response")
                .respond(401, AUTH).respond(403, SCOPED)
                .respond(404, "WORKSPACE_NOT_FOUND / NOT_FOUND (unknown, or another tenant's)")
                .respond(422, "VALIDATION_ERROR"), this::escalation);
        routes.post(PREFIX + "/escalations/{escalation_id}/respond", Operation.of("dashboard",
                        "Answer one of the tenant project's escalations as the token's user")
                .respond(401, AUTH).respond(403, SCOPED)
                .respond(404, "WORKSPACE_NOT_FOUND / NOT_FOUND (unknown, or another tenant's)")
                .respond(409, "CONFLICT (Escalation has expired)")
                .respond(422, "VALIDATION_ERROR"), this::respond);
        routes.get(PREFIX + "/status", Operation.of("dashboard",
                        "The status view of GET /v1/status for the tenant project")
                .respond(401, AUTH).respond(403, SCOPED)
                .respond(404, "WORKSPACE_NOT_FOUND / NOT_FOUND (workspace_id not in the project)")
                .respond(422, "VALIDATION_ERROR"), this::status);
        routes.get(PREFIX + "/audit", Operation.of("dashboard",
                        "The tenant project's audit log, newest first (filters and paging of GET /v1/audit)")
                .respond(401, AUTH).respond(403, SCOPED).respond(404, "WORKSPACE_NOT_FOUND")
                .respond(422, "VALIDATION_ERROR"), this::audit);
    }

    private void me(Context ctx) {
        TenantContext context = filter.authenticate(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", context.userId());
        body.put("session_id", context.sessionId());
        body.put("workspace_id", context.workspaceId());
        body.put("email", context.email());
        body.put("name", context.name());
        ctx.json(body);
    }

    private void escalations(Context ctx) {
        TenantScopes.Scoped scope = filter.scoped(ctx);
        EscalationRoutes.ListQuery query = EscalationRoutes.listQuery(ctx);
        ctx.json(EscalationRoutes.listBody(services.get().escalations().list(scope.principal(), query.filter(),
                query.page())));
    }

    private void escalation(Context ctx) {
        TenantScopes.Scoped scope = filter.scoped(ctx);
        UUID id = EscalationRoutes.pathId(ctx);
        Optional<AgentId> workspace = EscalationRoutes.workspaceQuery(ctx);
        ctx.json(EscalationRoutes.detail(services.get().escalations().get(scope.principal(), id, workspace)));
    }

    private void respond(Context ctx) {
        TenantScopes.Scoped scope = filter.scoped(ctx);
        UUID id = EscalationRoutes.pathId(ctx);
        EscalationRoutes.Answer answer = EscalationRoutes.answer(bodies, ctx);
        String responder = scope.context().userId();
        Escalation responded = services.get().escalations().respond(scope.principal(), id, answer.response(),
                answer.note(), responder);
        Map<String, Object> body = EscalationRoutes.respondBody(responded);
        body.put("responded_by", responder);
        ctx.json(body);
    }

    private void status(Context ctx) {
        TenantScopes.Scoped scope = filter.scoped(ctx);
        StatusRoutes.Query query = StatusRoutes.query(ctx);
        ctx.json(StatusRoutes.view(services.get().status().snapshot(scope.principal(), query.workspace(), query.repo())));
    }

    private void audit(Context ctx) {
        TenantScopes.Scoped scope = filter.scoped(ctx);
        AuditRoutes.ListQuery query = AuditRoutes.listQuery(ctx);
        ctx.json(AuditRoutes.listBody(services.get().auditTrail().list(scope.principal(), query.filter(), query.page())));
    }
}
