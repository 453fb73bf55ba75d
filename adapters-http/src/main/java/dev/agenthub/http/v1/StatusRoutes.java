package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.status.Status;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /v1/status} (wire spec §4.13); the stream {@code /v1/status/stream} is in {@link StreamRoutes}. */
public final class StatusRoutes {

    private static final int REPO_ID_LENGTH = 36;
    static final String INVALID_REPO_ID = "Invalid repo_id format: expected UUID";

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;

    public StatusRoutes(Supplier<CoordinationServices> services) {
        this.services = services;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/status", Operation.of("status",
                        "The project's (or one workspace's, or one repo's) live agents, claims, conflicts and pending escalations")
                .respond(401, "Authentication required").respond(404, "Workspace not found")
                .respond(422, "Validation failed / Invalid repo_id format"), this::status);
    }

    /**
     * The optional {@code repo_id} query parameter of status and the escalation listing: exactly 36 characters of a
     * uuid, else 422 {@code Invalid repo_id format: expected UUID}.
     */
    static Optional<RepoId> repoId(Context ctx) {
        String text = ctx.queryParam("repo_id");
        if (text == null) {
            return Optional.empty();
        }
        Optional<RepoId> repo = text.length() == REPO_ID_LENGTH ? RepoId.parse(text) : Optional.empty();
        if (repo.isEmpty()) {
            throw new DomainError.Invalid(INVALID_REPO_ID);
        }
        return repo;
    }

    private void status(Context ctx) {
        Query query = query(ctx);
        Principal principal = auth.project(ctx);
        ctx.json(view(services.get().status().snapshot(principal, query.workspace(), query.repo())));
    }

    /** The optional scope of a status request: one workspace or one repo. */
    public record Query(Optional<AgentId> workspace, Optional<RepoId> repo) {
    }

    /** The query of a status request: {@code workspace_id} (list-shaped 422), then {@code repo_id}. */
    public static Query query(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<AgentId> workspace = query.uuid("workspace_id").map(AgentId::new);
        query.validate();
        return new Query(workspace, repoId(ctx));
    }

    /** The body of the status view (§4.13). */
    public static Map<String, Object> view(Status.Snapshot snapshot) {
        Map<String, Object> response = new LinkedHashMap<>();
        Map<String, Object> scope = new LinkedHashMap<>();
        switch (snapshot.scope()) {
            case Status.ProjectScope project -> {
                scope.put("project_id", snapshot.project().toString());
                scope.put("project_slug", snapshot.projectSlug());
                scope.put("workspace_count", project.workspaceCount());
            }
            case Status.WorkspaceScope one -> {
                scope.put("workspace_id", one.workspace().toString());
                scope.put("project_id", snapshot.project().toString());
                scope.put("project_slug", snapshot.projectSlug());
            }
            case Status.RepoScope repo -> {
                scope.put("repo_id", repo.repo().toString());
                scope.put("workspace_count", repo.workspaceCount());
                scope.put("project_id", snapshot.project().toString());
                scope.put("project_slug", snapshot.projectSlug());
            }
        }
        response.put("workspace", scope);
        response.put("agents", snapshot.agents().stream().map(StatusRoutes::agent).toList());
        response.put("claims", snapshot.claims().stream().map(StatusRoutes::claim).toList());
        response.put("conflicts", snapshot.conflicts().stream().map(StatusRoutes::conflict).toList());
        response.put("escalations_pending", snapshot.escalationsPending());
        response.put("timestamp", WireTime.offset(snapshot.timestamp()));
        return response;
    }

    private static Map<String, Object> agent(Status.AgentStatus agent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("workspace_id", agent.workspace().toString());
        view.put("alias", agent.alias());
        view.put("member", agent.member());
        view.put("human_name", agent.humanName());
        view.put("program", agent.program());
        view.put("role", agent.role());
        view.put("status", agent.status());
        view.put("current_branch", agent.currentBranch());
        view.put("canonical_origin", agent.canonicalOrigin());
        view.put("timezone", agent.timezone());
        view.put("current_issue", agent.currentIssue());
        view.put("last_seen", WireTime.offset(agent.lastSeen()));
        return view;
    }

    private static Map<String, Object> claim(Status.ClaimStatus status) {
        Claim claim = status.claim();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bead_id", claim.beadId());
        view.put("workspace_id", claim.workspace().toString());
        view.put("alias", claim.alias());
        view.put("human_name", claim.humanName());
        view.put("claimed_at", WireTime.offset(claim.claimedAt()));
        view.put("claimant_count", status.claimantCount());
        view.put("title", status.title());
        view.put("project_id", claim.project().toString());
        return view;
    }

    private static Map<String, Object> conflict(Status.Conflict conflict) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bead_id", conflict.beadId());
        List<Map<String, Object>> claimants = conflict.claimants().stream().map(claim -> {
            Map<String, Object> claimant = new LinkedHashMap<>();
            claimant.put("alias", claim.alias());
            claimant.put("human_name", claim.humanName());
            claimant.put("workspace_id", claim.workspace().toString());
            return claimant;
        }).toList();
        view.put("claimants", claimants);
        return view;
    }
}
