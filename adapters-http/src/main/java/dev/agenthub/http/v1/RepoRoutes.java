package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.Repos;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The repo routes of §4.17 with §14 F1: lookup and listing are public, ensure and delete need auth B. All
 * bodies ignore unknown keys (§1.5); a {@code project_id} in the ensure body must be the caller's.
 */
public final class RepoRoutes {

    /** {@code project_id} in the ensure body: a UUID in its 36-character text form. */
    private static final int PROJECT_ID_LENGTH = 36;

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public RepoRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/repos/lookup", Operation.of("repos", "The one live repo with this origin (public)")
                .respond(404, "Repo not found").respond(409, "Repo exists in multiple projects")
                .respond(422, "Validation failed / Invalid origin_url"), this::lookup);
        routes.post("/v1/repos/ensure", Operation.of("repos", "Register an origin in the caller's project, or bring it back")
                .respond(401, "Authentication required").respond(403, "project_id does not match authenticated project")
                .respond(404, "Project not found").respond(422, "Validation failed / Invalid origin_url"), this::ensure);
        routes.get("/v1/repos", Operation.of("repos", "Live repos in creation order (public)")
                .respond(422, "Validation failed / Invalid cursor"), this::list);
        routes.delete("/v1/repos/{repo_id}", Operation.of("repos", "Soft-delete a repo of the caller's project and its workspaces")
                .respond(401, "Authentication required").respond(404, "Repo not found")
                .respond(422, "Validation failed"), this::delete);
    }

    /** The required {@code origin_url} of 1..2048 characters; null when it broke a rule (recorded). */
    static String originUrl(BodyFields body) {
        return body.requiredString("origin_url", 1, Repo.MAX_ORIGIN_URL_LENGTH);
    }

    private void lookup(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        String originUrl = originUrl(body);
        body.validate();
        RepoStore.Located located = services.get().repos().lookup(originUrl);
        Repo repo = located.repo();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("repo_id", repo.id().toString());
        response.put("project_id", repo.project().toString());
        response.put("project_slug", located.projectSlug());
        response.put("canonical_origin", repo.canonicalOrigin().value());
        response.put("name", repo.name());
        ctx.json(response);
    }

    private void ensure(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        String projectText = body.requiredString("project_id", PROJECT_ID_LENGTH, PROJECT_ID_LENGTH);
        UUID projectId = null;
        if (projectText != null) {
            projectId = Uuids.parse(projectText).orElse(null);
            if (projectId == null) {
                body.reject("project_id", "Invalid project_id format");
            }
        }
        String originUrl = originUrl(body);
        body.validate();
        Principal principal = auth.project(ctx);
        RepoStore.Ensured ensured = services.get().repos().ensure(principal, projectId, originUrl);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("repo_id", ensured.repo().id().toString());
        response.put("canonical_origin", ensured.repo().canonicalOrigin().value());
        response.put("name", ensured.repo().name());
        response.put("created", ensured.created());
        ctx.json(response);
    }

    private void list(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        int limit = query.integer("limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        Optional<ProjectId> project = query.uuid("project_id").map(ProjectId::new);
        query.validate();
        Page<Repos.Listed> page = services.get().repos().list(project, Repos.listRequest(limit, ctx.queryParam("cursor")));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("repos", page.items().stream().map(RepoRoutes::view).toList());
        response.put("has_more", page.hasMore());
        response.put("next_cursor", page.nextCursor().orElse(null));
        ctx.json(response);
    }

    private static Map<String, Object> view(Repos.Listed listed) {
        Repo repo = listed.repo();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", repo.id().toString());
        view.put("project_id", repo.project().toString());
        view.put("canonical_origin", repo.canonicalOrigin().value());
        view.put("name", repo.name());
        view.put("created_at", WireTime.offset(repo.createdAt()));
        view.put("workspace_count", listed.workspaceCount());
        return view;
    }

    private void delete(Context ctx) {
        String raw = ctx.pathParam("repo_id");
        RepoId id = RepoId.parse(raw).orElseThrow(() -> DomainError.Invalid.of(
                new Violation("uuid_parsing", List.of("path", "repo_id"), "Input should be a valid UUID", raw)));
        Principal principal = auth.project(ctx);
        Repos.Deleted deleted = services.get().repos().delete(principal, id);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", deleted.id().toString());
        response.put("workspaces_deleted", deleted.cascade().workspacesDeleted());
        response.put("claims_deleted", deleted.cascade().claimsDeleted());
        response.put("presence_cleared", deleted.cascade().presenceCleared());
        ctx.json(response);
    }
}
