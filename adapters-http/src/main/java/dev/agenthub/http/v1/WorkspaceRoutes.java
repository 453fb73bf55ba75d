package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.Repos;
import dev.agenthub.protocol.identity.Principal;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The workspace routes of §4.4 that exist so far: {@code POST /v1/workspaces/suggest-name-prefix} (§4.1). */
public final class WorkspaceRoutes {

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public WorkspaceRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/workspaces/suggest-name-prefix", Operation.of("workspaces",
                        "The next free name prefix for a workspace of a repo (public, or the caller's project with credentials)")
                .respond(401, "Invalid credentials").respond(404, "Repo not registered / Project not found")
                .respond(409, "Repo exists in multiple projects / prefixes exhausted")
                .respond(422, "Validation failed / Invalid origin_url"), this::suggestNamePrefix);
    }

    private void suggestNamePrefix(Context ctx) {
        BodyFields body = bodies.fields(ctx); // unknown keys are ignored (§1.5)
        String originUrl = RepoRoutes.originUrl(body);
        body.validate();
        // §4.1: auth B as soon as either credential header is present, also X-BH-Auth without proxy mode (a 401)
        Optional<Principal> principal = ctx.header("Authorization") != null || ctx.header("X-BH-Auth") != null
                ? Optional.of(auth.project(ctx))
                : Optional.empty();
        Repos.NamePrefix suggestion = services.get().repos().suggestNamePrefix(principal, originUrl);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("name_prefix", suggestion.namePrefix());
        response.put("project_id", suggestion.project().id().toString());
        response.put("project_slug", suggestion.project().slug());
        response.put("repo_id", suggestion.repoId().map(RepoId::toString).orElse(""));
        response.put("canonical_origin", suggestion.canonicalOrigin().value());
        ctx.json(response);
    }
}
