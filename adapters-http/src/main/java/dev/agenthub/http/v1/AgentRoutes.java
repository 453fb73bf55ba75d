package dev.agenthub.http.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.AgentRules;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.projects.ProjectSlug;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The agent routes of §4.3 (beadhub listing and prefix suggestion; aweb heartbeat, {@code /me}, peers). */
public final class AgentRoutes {

    private static final Set<String> PATCH_ME_FIELDS = Set.of("access_mode", "role", "program", "context");

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public AgentRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/agents", Operation.of("agents", "The project's agents with their presence")
                .respond(401, "Authentication required"), this::list);
        routes.post("/v1/agents/suggest-alias-prefix", Operation.of("agents", "The next free classic alias prefix")
                .respond(409, "alias_exhausted").respond(422, "Validation failed"), this::suggestAliasPrefix);
        routes.post("/v1/agents/register", Operation.of("agents", "Refresh the presence of a workspace (bdh, every command)")
                .respond(401, "Authentication required").respond(403, "Another project's workspace / binding mismatch")
                .respond(404, "Workspace not found").respond(410, "Workspace was deleted")
                .respond(422, "Validation failed / Invalid workspace_id format"), this::registerPresence);
        routes.post("/v1/agents/heartbeat", Operation.of("agents", "Refresh the caller's agent presence")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(404, "Agent not found"), this::heartbeat);
        routes.patch("/v1/agents/me", Operation.of("agents", "Change the caller's own settings")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(404, "Agent not found").respond(422, "Validation failed"), this::updateMe);
        routes.delete("/v1/agents/me", Operation.of("agents", "Deregister the caller (ephemeral agents only)")
                .respond(400, "Persistent agent").respond(401, "Authentication required")
                .respond(403, "API key is not bound to an agent").respond(404, "Agent not found"), this::deregisterMe);
        // the namespace is a project slug, which may contain '/'; a bare <address> would also match (and turn into
        // 405s) every unknown one-segment path under /v1/agents, such as /v1/agents/register
        routes.delete("/v1/agents/<namespace>/{alias}", Operation.of("agents", "Deregister an ephemeral peer by namespace/alias")
                .respond(400, "Persistent agent").respond(401, "Authentication required")
                .respond(403, "Another project").respond(404, "Agent not found"), this::deregisterPeer);
    }

    private void list(Context ctx) {
        Principal principal = auth.project(ctx);
        List<Map<String, Object>> views = services.get().agents().list(principal.project()).stream().map(AgentRoutes::view).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("project_id", principal.project().toString());
        response.put("agents", views);
        ctx.json(response);
    }

    static Map<String, Object> view(Agents.Listed listed) {
        Agent agent = listed.agent();
        Optional<PresenceRecord> presence = listed.presence();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("agent_id", agent.id().toString());
        view.put("alias", agent.alias());
        view.put("human_name", emptyToNull(agent.humanName()));
        view.put("agent_type", emptyToNull(agent.agentType()));
        view.put("status", presence.map(PresenceRecord::status).orElse("offline"));
        view.put("last_seen", presence.map(p -> WireTime.offset(p.lastSeen())).orElse(null));
        view.put("online", presence.isPresent());
        view.put("did", emptyToNull(agent.did()));
        view.put("custody", emptyToNull(agent.custody()));
        view.put("lifetime", agent.lifetime().wire());
        view.put("identity_status", agent.status().wire());
        view.put("access_mode", agent.accessMode().wire());
        return view;
    }

    private void suggestAliasPrefix(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        String slug = IdentityRoutes.trimmed(body.requiredString("project_slug", 1, ProjectSlug.MAX_LENGTH));
        if (slug != null && !ProjectSlug.valid(slug)) {
            body.reject("project_slug", "Invalid project_slug format");
        }
        body.validate();
        Agents.AliasPrefix suggestion = services.get().agents().suggestAliasPrefix(slug);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("project_slug", suggestion.projectSlug());
        response.put("project_id", suggestion.project() == null ? null : suggestion.project().id().toString());
        response.put("name_prefix", suggestion.namePrefix());
        ctx.json(response);
    }

    /**
     * {@code POST /v1/agents/register} (§4.3): a lenient body (bdh sends repo_id, repo_origin, hostname, … too),
     * validated before authentication; {@code workspace_id} is checked as a UUID by the access check of §3.2,
     * after authentication, so that a malformed id is its string 422 {@code Invalid workspace_id format}.
     */
    private void registerPresence(Context ctx) {
        BodyFields body = bodies.fields(ctx); // unknown keys are ignored (§1.5)
        String workspaceId = body.requiredString("workspace_id", 0, Integer.MAX_VALUE);
        String alias = body.requiredString("alias", 1, AgentRules.MAX_ALIAS_LENGTH);
        String humanName = body.nullableString("human_name", AgentRules.MAX_HUMAN_NAME_LENGTH, null);
        body.nullableString("project_slug", ProjectSlug.MAX_LENGTH, null); // validated, ignored
        String program = body.nullableString("program", Integer.MAX_VALUE, null);
        String model = body.nullableString("model", Integer.MAX_VALUE, null);
        body.nullableString("task_description", Integer.MAX_VALUE, null);
        String repo = body.nullableString("repo", 255, null);
        String branch = body.nullableString("branch", 255, null);
        String role = body.nullableString("role", AgentRules.MAX_ROLE_LENGTH, null);
        Integer ttlSeconds = null;
        if (body.body().hasNonNull("ttl_seconds")) {
            long ttl = body.integer("ttl_seconds", 1, Workspaces.MAX_PRESENCE_TTL_SECONDS, 0);
            ttlSeconds = ttl == 0 ? null : (int) ttl;
        }
        if (alias != null && !AgentRules.validAlias(alias)) {
            body.reject("alias", "Invalid alias format");
        }
        String normalisedRole = optionalRole(body, role);
        body.validate();
        Principal principal = auth.project(ctx);
        Workspaces.Registered registered = services.get().workspaces().register(principal, workspaceId,
                new Workspaces.Refresh(humanName, program, model, repo, branch, normalisedRole, ttlSeconds));
        PresenceRecord record = registered.record();
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("alias", record.alias());
        agent.put("human_name", record.attribute("human_name"));
        agent.put("project_slug", registered.project().slug());
        agent.put("program", program);
        agent.put("model", model);
        agent.put("member", null);
        agent.put("repo", repo);
        agent.put("branch", branch);
        agent.put("role", record.attribute("role"));
        agent.put("registered_at", WireTime.offset(record.lastSeen()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("agent", agent);
        response.put("workspace", Map.of("workspace_id", registered.workspace().id().toString()));
        ctx.json(response);
    }

    private void heartbeat(Context ctx) {
        Agents.Heartbeat heartbeat = services.get().agents().heartbeat(auth.actor(ctx));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("agent_id", heartbeat.agent().toString());
        response.put("last_seen", WireTime.offset(heartbeat.lastSeen()));
        response.put("ttl_seconds", heartbeat.ttl().toSeconds());
        ctx.json(response);
    }

    private void updateMe(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(PATCH_ME_FIELDS);
        String accessMode = body.literal("access_mode", List.of("open", "contacts_only"), true, null);
        String role = body.nullableString("role", AgentRules.MAX_ROLE_LENGTH, null);
        String program = body.nullableString("program", 256, null);
        ObjectNode context = body.object("context", true);
        String normalisedRole = optionalRole(body, role);
        body.validate();
        Agent updated = services.get().agents().updateMe(auth.actor(ctx), new Agents.SettingsChange(
                accessMode == null ? null : Agent.AccessMode.fromWire(accessMode), normalisedRole, program,
                context == null ? null : context.toString()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("agent_id", updated.id().toString());
        response.put("access_mode", updated.accessMode().wire());
        response.put("role", updated.role());
        response.put("program", updated.program());
        response.put("context", updated.contextJson() == null ? null : new RawValue(updated.contextJson()));
        ctx.json(response);
    }

    private void deregisterMe(Context ctx) {
        ctx.json(deregistered(services.get().agents().deregisterMe(auth.actor(ctx))));
    }

    private void deregisterPeer(Context ctx) {
        String namespace = ctx.pathParam("namespace");
        String alias = ctx.pathParam("alias");
        Principal principal = auth.project(ctx);
        if (namespace.isEmpty() || alias.isEmpty()) {
            throw new DomainError.NotFound("Invalid address format");
        }
        ctx.json(deregistered(services.get().agents().deregisterPeer(principal.project(), namespace, alias)));
    }

    private static Map<String, Object> deregistered(Agent agent) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("agent_id", agent.id().toString());
        response.put("status", Agent.Status.DEREGISTERED.wire());
        return response;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** A role given as non-blank text, normalised; null when absent or blank. An invalid one is recorded on {@code body}. */
    static String optionalRole(BodyFields body, String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        String normalised = AgentRules.normaliseRole(role).orElse(null);
        if (normalised == null) {
            body.reject("role", AgentRules.INVALID_ROLE);
        }
        return normalised;
    }
}
