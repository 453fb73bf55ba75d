package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.escalations.Escalation;
import dev.agenthub.hub.escalations.Escalations;
import dev.agenthub.hub.escalations.port.EscalationStore;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.protocol.agents.AgentRules;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The escalation routes of §4.14: create (B + AB), list and get (B), respond (B, any caller in the project).
 * Both bodies ignore unknown keys (§1.5). What callers see of a due pending escalation is {@code expired}
 * (§14 F5).
 */
public final class EscalationRoutes {

    static final String INVALID_STATUS = "Invalid status: must be one of ['expired', 'pending', 'responded']";
    static final String INVALID_ESCALATION_ID = "Invalid escalation_id: must be a UUID";
    static final int MAX_EXPIRES_IN_HOURS = 100 * 366 * 24;

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public EscalationRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/escalations", Operation.of("escalations", "Ask a human for a decision (the caller's workspace)")
                .respond(401, "Authentication required")
                .respond(403, "Workspace not found or does not belong to your project / Alias does not match workspace_id / "
                        + "workspace_id does not match API key identity")
                .respond(422, "Validation failed"), this::create);
        routes.get("/v1/escalations", Operation.of("escalations", "The project's escalations, newest first")
                .respond(401, "Authentication required")
                .respond(403, "Workspace not found or does not belong to your project")
                .respond(422, "Validation failed / Invalid repo_id format / Invalid status / Invalid alias / Invalid cursor"),
                this::list);
        routes.get("/v1/escalations/{escalation_id}", Operation.of("escalations", "One escalation with its response")
                .respond(401, "Authentication required").respond(404, "Escalation not found")
                .respond(422, "Invalid escalation_id / Validation failed"), this::get);
        routes.post("/v1/escalations/{escalation_id}/respond", Operation.of("escalations",
                        "Answer an escalation (any caller in the project)")
                .respond(401, "Authentication required").respond(404, "Escalation not found")
                .respond(409, "Escalation has expired").respond(422, "Invalid escalation_id / Validation failed"),
                this::respond);
    }

    private void create(Context ctx) {
        BodyFields body = bodies.fields(ctx); // unknown keys are ignored (§1.5)
        UUID workspaceId = body.requiredUuid("workspace_id");
        String alias = body.requiredString("alias", 1, AgentRules.MAX_ALIAS_LENGTH);
        if (alias != null && !AgentRules.validAlias(alias)) {
            body.reject("alias", "Invalid alias format");
            alias = null;
        }
        String subject = body.requiredString("subject", 1, Integer.MAX_VALUE);
        String situation = body.requiredString("situation", 1, Integer.MAX_VALUE);
        List<String> options = body.body().hasNonNull("options") ? body.requiredStringList("options") : null;
        // at most a century: expires_at stays a timestamp every store and client reads (years 1..9999)
        long hours = body.integerAbove("expires_in_hours", 0, MAX_EXPIRES_IN_HOURS, Escalations.DEFAULT_EXPIRES_IN_HOURS);
        String memberEmail = body.nullableString("member_email", Integer.MAX_VALUE, null);
        body.validate();
        Principal principal = auth.project(ctx);
        Escalation created = escalations().create(principal, new Escalations.Request(new AgentId(workspaceId), alias,
                subject, situation, options, (int) hours, memberEmail));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("escalation_id", created.id().toString());
        response.put("status", created.status().wireName());
        response.put("created_at", WireTime.offset(created.createdAt()));
        response.put("expires_at", WireTime.offset(created.expiresAt()));
        ctx.json(response);
    }

    private void list(Context ctx) {
        ListQuery query = listQuery(ctx);
        Principal principal = auth.project(ctx); // after every structural check (§1.4)
        ctx.json(listBody(escalations().list(principal, query.filter(), query.page())));
    }

    /** The filters and page of an escalation listing (§4.14 {@code GET ""}). */
    public record ListQuery(EscalationStore.Filter filter, PageRequest page) {
    }

    /**
     * The query of an escalation listing, validated in the order of §4.14: {@code workspace_id} and {@code limit}
     * (list-shaped 422), then {@code repo_id}, {@code status}, {@code alias}, {@code cursor} (string 422s).
     */
    public static ListQuery listQuery(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<AgentId> workspace = query.uuid("workspace_id").map(AgentId::new);
        int limit = query.integer("limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        query.validate();
        Optional<RepoId> repo = StatusRoutes.repoId(ctx);
        String statusText = ctx.queryParam("status");
        Optional<Escalation.State> status = Optional.empty();
        if (statusText != null) {
            status = Optional.of(Escalation.State.ofWireName(statusText)
                    .orElseThrow(() -> new DomainError.Invalid(INVALID_STATUS)));
        }
        String aliasText = ctx.queryParam("alias");
        if (aliasText != null && !AgentRules.validAlias(aliasText)) {
            throw new DomainError.Invalid(WorkspaceRoutes.INVALID_ALIAS);
        }
        PageRequest request = PageRequest.of(limit, ctx.queryParam("cursor"));
        return new ListQuery(new EscalationStore.Filter(workspace, repo, status, Optional.ofNullable(aliasText)), request);
    }

    /** The body of an escalation listing. */
    public static Map<String, Object> listBody(Page<Escalation> page) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("escalations", page.items().stream().map(EscalationRoutes::summary).toList());
        response.put("has_more", page.hasMore());
        response.put("next_cursor", page.nextCursor().orElse(null));
        return response;
    }

    private void get(Context ctx) {
        UUID id = pathId(ctx);
        Optional<AgentId> workspace = workspaceQuery(ctx);
        Principal principal = auth.project(ctx);
        ctx.json(detail(escalations().get(principal, id, workspace)));
    }

    /** The optional {@code workspace_id} query parameter of {@code GET /{escalation_id}} (a list-shaped 422). */
    public static Optional<AgentId> workspaceQuery(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<AgentId> workspace = query.uuid("workspace_id").map(AgentId::new);
        query.validate();
        return workspace;
    }

    private void respond(Context ctx) {
        UUID id = pathId(ctx);
        Answer answer = answer(bodies, ctx);
        Principal principal = auth.project(ctx);
        ctx.json(respondBody(escalations().respond(principal, id, answer.response(), answer.note())));
    }

    /** The body of a respond request: {@code response} (≥ 1 character) and an optional {@code note}. */
    public record Answer(String response, String note) {
    }

    /** Parses and validates a respond body (unknown keys are ignored, §1.5). */
    public static Answer answer(JsonBodies bodies, Context ctx) {
        BodyFields body = bodies.fields(ctx);
        String answer = body.requiredString("response", 1, Integer.MAX_VALUE);
        String note = body.nullableString("note", Integer.MAX_VALUE, null);
        body.validate();
        return new Answer(answer, note);
    }

    /** The body of a respond answer. */
    public static Map<String, Object> respondBody(Escalation responded) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("escalation_id", responded.id().toString());
        response.put("status", responded.status().wireName());
        response.put("response", responded.response());
        response.put("response_note", responded.responseNote());
        response.put("responded_at", time(responded.respondedAt()));
        return response;
    }

    private Escalations escalations() {
        return services.get().escalations();
    }

    /** A path id: 422 {@code Invalid escalation_id: must be a UUID} (a string detail, before authentication). */
    public static UUID pathId(Context ctx) {
        return Uuids.parse(ctx.pathParam("escalation_id"))
                .orElseThrow(() -> new DomainError.Invalid(INVALID_ESCALATION_ID));
    }

    private static Map<String, Object> summary(Escalation e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("escalation_id", e.id().toString());
        view.put("alias", e.alias());
        view.put("subject", e.subject());
        view.put("status", e.status().wireName());
        view.put("created_at", WireTime.offset(e.createdAt()));
        view.put("expires_at", WireTime.offset(e.expiresAt()));
        return view;
    }

    /** The body of one escalation (§4.14 {@code GET /{escalation_id}}). */
    public static Map<String, Object> detail(Escalation e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("escalation_id", e.id().toString());
        view.put("workspace_id", e.workspace().toString());
        view.put("alias", e.alias());
        view.put("member_email", e.memberEmail());
        view.put("subject", e.subject());
        view.put("situation", e.situation());
        view.put("options", e.options());
        view.put("status", e.status().wireName());
        view.put("response", e.response());
        view.put("response_note", e.responseNote());
        view.put("created_at", WireTime.offset(e.createdAt()));
        view.put("responded_at", time(e.respondedAt()));
        view.put("expires_at", WireTime.offset(e.expiresAt()));
        return view;
    }

    private static String time(Instant instant) {
        return instant == null ? null : WireTime.offset(instant);
    }
}
