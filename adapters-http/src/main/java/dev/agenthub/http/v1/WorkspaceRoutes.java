package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.Repos;
import dev.agenthub.hub.team.WorkspaceDirectory;
import dev.agenthub.hub.team.WorkspaceInfo;
import dev.agenthub.hub.team.WorkspaceLifecycle;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.agents.AgentRules;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The workspace routes of §4.4: heartbeat, delete, restore, the listing, the team view and the online view, and
 * {@code POST /v1/workspaces/suggest-name-prefix} and {@code POST /v1/workspaces/register} (§4.1).
 */
public final class WorkspaceRoutes {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceRoutes.class);

    static final String INVALID_WORKSPACE_ID = "Invalid workspace_id format";
    static final String INVALID_ALIAS = "Invalid alias: must be alphanumeric with hyphens/underscores, 1-64 chars";
    static final String INVALID_TIMEZONE =
            "timezone must be a valid IANA identifier (e.g. 'Europe/Madrid', 'America/New_York')";
    static final String INVALID_HOSTNAME = "Invalid hostname: contains null bytes or control characters";
    private static final Pattern TIMEZONE = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-/]{0,63}");
    private static final int MAX_HUMAN_NAME = 64;
    private static final int MAX_REPO_QUERY = 255;
    private static final int MAX_HOSTNAME = 255;
    private static final int MAX_BRANCH = 255;
    private static final int MAX_TIMEZONE = 64;
    private static final int MAX_WORKSPACE_PATH = 1024;
    private static final int MAX_REPO_ORIGIN = 512;
    private static final int MAX_REGISTER_REPO_ORIGIN = 2048;
    private static final int MAX_REGISTER_WORKSPACE_PATH = 4096;

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
        routes.post("/v1/workspaces/register", Operation.of("workspaces",
                        "Create or update the calling agent's workspace for a repo")
                .respond(401, "Authentication required / Invalid API key")
                .respond(409, "Workspace already registered elsewhere / alias already used")
                .respond(410, "Agent has been deregistered / Agent is <status>")
                .respond(422, "Validation failed / Invalid repo_origin")
                .respond(502, "aweb returned invalid alias / human_name format"), this::registerWorkspace);
        routes.post("/v1/workspaces/heartbeat", Operation.of("workspaces",
                        "Create or refresh a workspace and its presence")
                .respond(400, "Another project's workspace / repo mismatch").respond(401, "Authentication required")
                .respond(403, "workspace_id does not match API key identity").respond(404, "Agent not found")
                .respond(409, "Alias mismatch / alias used by another workspace")
                .respond(410, "Workspace or its repository was deleted").respond(422, "Validation failed"),
                this::heartbeat);
        routes.get("/v1/workspaces", Operation.of("workspaces", "The project's workspaces, most recently updated first")
                .respond(401, "Authentication required")
                .respond(422, "Validation failed / Invalid repo format / Invalid alias / Invalid hostname / Invalid cursor"),
                this::list);
        routes.get("/v1/workspaces/team", Operation.of("workspaces", "A bounded, prioritised team view (bdh ready)")
                .respond(401, "Authentication required")
                .respond(422, "Validation failed / Invalid repo format / Invalid workspace_id format"), this::team);
        routes.get("/v1/workspaces/online", Operation.of("workspaces", "The workspaces with live presence")
                .respond(401, "Authentication required").respond(422, "Validation failed"), this::online);
        routes.delete("/v1/workspaces/{workspace_id}", Operation.of("workspaces",
                        "Soft-delete any workspace of the project, with its claims, agent and keys")
                .respond(401, "Authentication required").respond(404, "Workspace not found / already deleted")
                .respond(422, "Invalid workspace_id format"), this::delete);
        routes.post("/v1/workspaces/{workspace_id}/restore", Operation.of("workspaces",
                        "Bring back a deleted workspace (not its claims or agent)")
                .respond(401, "Authentication required").respond(403, "workspace_id does not match API key identity")
                .respond(404, "Workspace not found").respond(409, "Already active / alias now used")
                .respond(422, "Invalid workspace_id format"), this::restore);
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

    /** {@code POST /register}: a lenient body, validated as the list-shaped 422 before authentication (auth R). */
    private void registerWorkspace(Context ctx) {
        BodyFields body = bodies.fields(ctx); // unknown keys are ignored (§1.5)
        String repoOrigin = body.requiredString("repo_origin", 1, MAX_REGISTER_REPO_ORIGIN);
        CanonicalOrigin origin = repoOrigin == null ? null : canonicalOrigin(body, repoOrigin);
        String role = AgentRoutes.optionalRole(body, body.nullableString("role", AgentRules.MAX_ROLE_LENGTH, null));
        String hostname = body.nullableString("hostname", MAX_HOSTNAME, "");
        if (hostname != null && IdentityRoutes.hasControl(hostname, false)) {
            body.reject("hostname", "hostname contains control characters");
        }
        String path = body.nullableString("workspace_path", MAX_REGISTER_WORKSPACE_PATH, "");
        if (path != null && IdentityRoutes.hasControl(path, true)) {
            body.reject("workspace_path", "workspace_path contains control characters");
        }
        body.validate();
        Principal principal = auth.registered(ctx);
        WorkspaceLifecycle.Registered registered = services.get().workspaceLifecycle().register(principal,
                new WorkspaceLifecycle.Registration(repoOrigin, origin, role, hostname, path));
        Workspace workspace = registered.outcome().workspace();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("workspace_id", workspace.id().toString());
        response.put("project_id", registered.project().id().toString());
        response.put("project_slug", registered.project().slug());
        response.put("repo_id", registered.outcome().repo().id().toString());
        response.put("canonical_origin", registered.outcome().repo().canonicalOrigin().value());
        response.put("alias", registered.agent().alias());
        response.put("human_name", workspace.humanName());
        response.put("created", registered.outcome().created());
        ctx.json(response);
    }

    /** The canonical form of a body's {@code repo_origin}, or null with {@code Invalid repo_origin: …} recorded. */
    private static CanonicalOrigin canonicalOrigin(BodyFields body, String repoOrigin) {
        return switch (CanonicalOrigin.canonicalize(repoOrigin)) {
            case CanonicalOrigin.Outcome.Canonical canonical -> canonical.origin();
            case CanonicalOrigin.Outcome.Rejected rejected -> {
                body.reject("repo_origin", "Invalid repo_origin: " + rejected.reason());
                yield null;
            }
        };
    }

    /** {@code POST /heartbeat}: a lenient body, validated as the list-shaped 422 before authentication. */
    private void heartbeat(Context ctx) {
        BodyFields body = bodies.fields(ctx); // unknown keys are ignored (§1.5)
        String workspaceText = body.requiredString("workspace_id", 1, Integer.MAX_VALUE);
        UUID workspaceId = null;
        if (workspaceText != null) {
            workspaceId = Uuids.parse(workspaceText).orElse(null);
            if (workspaceId == null) {
                body.reject("workspace_id", INVALID_WORKSPACE_ID);
            }
        }
        String alias = body.requiredString("alias", 1, AgentRules.MAX_ALIAS_LENGTH);
        if (alias != null && !AgentRules.validAlias(alias)) {
            body.reject("alias", INVALID_ALIAS);
            alias = null;
        }
        String repoOrigin = body.requiredString("repo_origin", 1, MAX_REPO_ORIGIN);
        CanonicalOrigin origin = repoOrigin == null ? null : canonicalOrigin(body, repoOrigin);
        String role = AgentRoutes.optionalRole(body, body.nullableString("role", AgentRules.MAX_ROLE_LENGTH, null));
        String branch = body.nullableString("current_branch", MAX_BRANCH, null);
        String timezone = body.nullableString("timezone", MAX_TIMEZONE, null);
        if (timezone != null && !TIMEZONE.matcher(timezone).matches()) {
            body.reject("timezone", INVALID_TIMEZONE);
        }
        String hostname = body.nullableString("hostname", MAX_HOSTNAME, null);
        String path = body.nullableString("workspace_path", MAX_WORKSPACE_PATH, null);
        String humanName = body.nullableString("human_name", MAX_HUMAN_NAME, null);
        body.validate();
        Principal principal = auth.project(ctx);
        UUID beating = workspaceId;
        WorkspaceLifecycle.Beaten beaten = services.get().workspaceLifecycle().heartbeat(principal,
                new WorkspaceLifecycle.Beat(new AgentId(beating), alias, repoOrigin, origin, role, branch, timezone,
                        hostname, path, humanName));
        beaten.presenceFailure().ifPresent(failure -> log.warn(
                "Heartbeat of workspace {} stored, but its presence could not be written", beating, failure));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("ok", true);
        response.put("workspace_id", beaten.workspace().id().toString());
        ctx.json(response);
    }

    /** A path id: 422 {@code Invalid workspace_id format} (a string detail, before authentication). */
    private static AgentId pathId(Context ctx) {
        return Uuids.parse(ctx.pathParam("workspace_id")).map(AgentId::new)
                .orElseThrow(() -> new DomainError.Invalid(INVALID_WORKSPACE_ID));
    }

    private void delete(Context ctx) {
        AgentId id = pathId(ctx);
        Principal principal = auth.project(ctx);
        Workspace deleted = services.get().workspaceLifecycle().delete(principal, id, ctx.pathParam("workspace_id"))
                .workspace();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("workspace_id", deleted.id().toString());
        response.put("alias", deleted.alias());
        response.put("deleted_at", WireTime.offset(deleted.deletedAt()));
        ctx.json(response);
    }

    private void restore(Context ctx) {
        AgentId id = pathId(ctx);
        Principal principal = auth.project(ctx);
        Workspace restored = services.get().workspaceLifecycle().restore(principal, id, ctx.pathParam("workspace_id"));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("workspace_id", restored.id().toString());
        response.put("alias", restored.alias());
        response.put("restored_at", WireTime.offset(restored.updatedAt()));
        ctx.json(response);
    }

    private void list(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<String> humanName = query.string("human_name", MAX_HUMAN_NAME);
        Optional<String> repo = query.string("repo", MAX_REPO_QUERY);
        Optional<String> alias = query.string("alias", AgentRules.MAX_ALIAS_LENGTH);
        Optional<String> hostname = query.string("hostname", MAX_HOSTNAME);
        boolean includeDeleted = query.bool("include_deleted", false);
        boolean includeClaims = query.bool("include_claims", false);
        boolean includePresence = query.bool("include_presence", true);
        int limit = query.integer("limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        query.validate();
        Principal principal = auth.project(ctx);
        checkRepo(repo);
        if (alias.isPresent() && !AgentRules.validAlias(alias.get())) {
            throw new DomainError.Invalid(INVALID_ALIAS);
        }
        if (hostname.isPresent() && hostname.get().chars().anyMatch(c -> c < 0x20)) {
            throw new DomainError.Invalid(INVALID_HOSTNAME);
        }
        PageRequest page = PageRequest.of(limit, ctx.queryParam("cursor"));
        Page<WorkspaceInfo> listed = services.get().workspaceDirectory().list(principal,
                new WorkspaceStore.Filter(humanName, repo, alias, hostname, includeDeleted),
                new WorkspaceDirectory.Enrichment(includeClaims, includePresence), page);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("workspaces", listed.items().stream().map(WorkspaceRoutes::view).toList());
        response.put("has_more", listed.hasMore());
        response.put("next_cursor", listed.nextCursor().orElse(null));
        ctx.json(response);
    }

    private void team(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<String> humanName = query.string("human_name", MAX_HUMAN_NAME);
        Optional<String> repo = query.string("repo", MAX_REPO_QUERY);
        boolean includeClaims = query.bool("include_claims", true);
        boolean includePresence = query.bool("include_presence", true);
        boolean onlyWithClaims = query.bool("only_with_claims", true);
        String always = ctx.queryParam("always_include_workspace_id");
        int limit = query.integer("limit", WorkspaceDirectory.TEAM_DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        query.validate();
        Principal principal = auth.project(ctx);
        checkRepo(repo);
        Optional<AgentId> alwaysInclude = Optional.empty();
        if (always != null) { // "" too is not a uuid (§4.4)
            alwaysInclude = Optional.of(Uuids.parse(always).map(AgentId::new)
                    .orElseThrow(() -> new DomainError.Invalid(INVALID_WORKSPACE_ID)));
        }
        List<WorkspaceInfo> team = services.get().workspaceDirectory().team(principal,
                new WorkspaceDirectory.TeamQuery(new WorkspaceStore.Filter(humanName, repo, Optional.empty(),
                        Optional.empty(), false), new WorkspaceDirectory.Enrichment(includeClaims, includePresence),
                        onlyWithClaims, alwaysInclude, limit));
        ctx.json(unpaged(team));
    }

    private void online(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<String> humanName = query.string("human_name", MAX_HUMAN_NAME);
        query.validate();
        Principal principal = auth.project(ctx);
        ctx.json(unpaged(services.get().workspaceDirectory().online(principal, humanName)));
    }

    /** 422 {@code Invalid repo format: <first 50 characters>} for a repo filter that is not a canonical origin. */
    private static void checkRepo(Optional<String> repo) {
        if (repo.isPresent() && !CanonicalOrigin.isWellFormed(repo.get())) {
            String text = repo.get();
            int end = text.codePointCount(0, text.length()) > 50 ? text.offsetByCodePoints(0, 50) : text.length();
            throw new DomainError.Invalid("Invalid repo format: " + text.substring(0, end));
        }
    }

    private static Map<String, Object> unpaged(List<WorkspaceInfo> infos) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("workspaces", infos.stream().map(WorkspaceRoutes::view).toList());
        response.put("has_more", false);
        response.put("next_cursor", null);
        return response;
    }

    /** {@code WorkspaceInfo} of §4.4, every field present, in the specification's order. */
    static Map<String, Object> view(WorkspaceInfo info) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("workspace_id", info.id().toString());
        view.put("alias", info.alias());
        view.put("human_name", info.humanName());
        view.put("project_id", info.project() == null ? null : info.project().toString());
        view.put("project_slug", info.projectSlug());
        view.put("program", info.program());
        view.put("model", info.model());
        view.put("repo", info.repo());
        view.put("branch", info.branch());
        view.put("member_email", info.memberEmail());
        view.put("role", info.role());
        view.put("hostname", info.hostname());
        view.put("workspace_path", info.workspacePath());
        view.put("apex_id", info.apexId());
        view.put("apex_title", info.apexTitle());
        view.put("apex_type", info.apexType());
        view.put("focus_apex_id", info.focusApexId());
        view.put("focus_apex_title", info.focusApexTitle());
        view.put("focus_apex_type", info.focusApexType());
        view.put("focus_apex_repo_name", info.focusApexRepoName());
        view.put("focus_apex_branch", info.focusApexBranch());
        view.put("focus_updated_at", time(info.focusUpdatedAt()));
        view.put("status", info.status());
        view.put("last_seen", time(info.lastSeen()));
        view.put("deleted_at", time(info.deletedAt()));
        view.put("claims", info.claims().stream().map(claim -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("bead_id", claim.beadId());
            c.put("title", claim.title());
            c.put("claimed_at", WireTime.offset(claim.claimedAt()));
            c.put("apex_id", claim.apexId());
            c.put("apex_title", claim.apexTitle());
            c.put("apex_type", claim.apexType());
            return c;
        }).toList());
        return view;
    }

    private static String time(Instant instant) {
        return instant == null ? null : WireTime.offset(instant);
    }
}
