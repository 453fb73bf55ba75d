package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /v1/claims} (wire spec §4.7). */
public final class ClaimRoutes {

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;

    public ClaimRoutes(Supplier<CoordinationServices> services) {
        this.services = services;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/claims", Operation.of("claims", "The project's claims (of one workspace), newest first")
                .respond(401, "Authentication required").respond(422, "Validation failed / Invalid cursor"), this::list);
    }

    private void list(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<AgentId> workspace = query.uuid("workspace_id").map(AgentId::new);
        int limit = query.integer("limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        query.validate();
        PageRequest request = PageRequest.of(limit, ctx.queryParam("cursor"));
        Principal principal = auth.project(ctx);
        Page<Claim> page = services.get().claimListing().page(principal, workspace, request);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("claims", page.items().stream().map(ClaimRoutes::view).toList());
        response.put("has_more", page.hasMore());
        response.put("next_cursor", page.nextCursor().orElse(null));
        ctx.json(response);
    }

    static Map<String, Object> view(Claim claim) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bead_id", claim.beadId());
        view.put("workspace_id", claim.workspace().toString());
        view.put("alias", claim.alias());
        view.put("human_name", claim.humanName());
        view.put("claimed_at", WireTime.offset(claim.claimedAt()));
        view.put("project_id", claim.project().toString());
        return view;
    }
}
