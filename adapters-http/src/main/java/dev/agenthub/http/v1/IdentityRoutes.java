package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.hub.init.InitRequest;
import dev.agenthub.hub.init.InitResult;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.AgentRules;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.ProjectSlug;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code POST /v1/init}, {@code GET /v1/auth/introspect} and {@code GET /v1/projects/current}. */
public final class IdentityRoutes {

    private static final Set<String> INIT_FIELDS = Set.of("project_slug", "project_name", "alias", "human_name",
            "agent_type", "lifetime", "custody", "project_id", "repo_origin", "role", "hostname", "workspace_path", "email");


    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public IdentityRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/init", Operation.of("identity", "Bootstrap a project, an agent and its API key")
                .respond(401, "Invalid API key (re-init of an owned alias)").respond(404, "Unknown project_id")
                .respond(409, "alias_exists / prefixes exhausted / workspace_repo_mismatch").respond(422, "Validation failed")
                .respond(429, "Rate limit exceeded").respond(503, "Rate limiter unavailable"), this::init);
        routes.get("/v1/auth/introspect", Operation.of("identity", "Who the credentials authenticate as")
                .respond(401, "Authentication required"), this::introspect);
        routes.get("/v1/projects/current", Operation.of("identity", "The authenticated project")
                .respond(401, "Authentication required").respond(404, "Project not found"), this::currentProject);
    }

    private void init(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(INIT_FIELDS);
        String slug = trimmed(body.string("project_slug", ProjectSlug.MAX_LENGTH, ""));
        String name = trimmed(body.string("project_name", 256, ""));
        String alias = blankToNull(rawAlias(body));
        String humanName = trimmed(body.string("human_name", AgentRules.MAX_HUMAN_NAME_LENGTH, ""));
        String agentType = body.string("agent_type", 32, "agent");
        String lifetime = body.literal("lifetime", List.of("persistent", "ephemeral"), false, "ephemeral");
        String custody = body.literal("custody", List.of("self", "custodial"), true, null);
        String projectId = blankToNull(body.nullableString("project_id", 36, null));
        String repoOrigin = body.nullableString("repo_origin", 2048, null);
        // blank or absent: "agent" for a new workspace, and an existing workspace keeps its role (§14 F3)
        String role = trimmed(body.string("role", AgentRules.MAX_ROLE_LENGTH, ""));
        String hostname = trimmed(body.string("hostname", 255, ""));
        String workspacePath = trimmed(body.string("workspace_path", 4096, ""));
        body.nullableString("email", Integer.MAX_VALUE, null); // tolerated and ignored (§14 F7)

        if (!slug.isEmpty() && !ProjectSlug.valid(slug)) {
            body.reject("project_slug", "Invalid project_slug format");
        }
        if (alias != null && !AgentRules.validAlias(alias)) {
            body.reject("alias", "Invalid alias format");
        }
        if (Agent.SYSTEM_TYPE.equals(agentType)) {
            body.reject("agent_type", "agent_type 'system' is reserved for the hub's notification sender");
        }
        if (!humanName.isEmpty() && !AgentRules.validHumanName(humanName)) {
            body.reject("human_name", "Invalid human_name format");
        }
        UUID project = null;
        if (projectId != null) {
            project = Uuids.parse(projectId).orElse(null);
            if (project == null) {
                body.reject("project_id", "Invalid project_id format");
            }
        }
        String normalisedRole = role.isEmpty() ? "agent" : AgentRules.normaliseRole(role).orElse(null);
        if (normalisedRole == null) {
            body.reject("role", AgentRules.INVALID_ROLE);
        }
        if (hasControl(hostname, false)) {
            body.reject("hostname", "hostname contains control characters");
        }
        if (hasControl(workspacePath, true)) {
            body.reject("workspace_path", "workspace_path contains control characters");
        }
        body.validate();

        InitResult result = services.get().init().init(new InitRequest(slug, name, alias, humanName, agentType,
                Agent.Lifetime.fromWire(lifetime), custody, project, repoOrigin == null ? null : repoOrigin.strip(),
                normalisedRole, !role.isEmpty(), hostname, workspacePath, ctx.ip(), ctx.header("Authorization")));

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "ok");
        response.put("created_at", WireTime.offset(result.createdAt()));
        response.put("api_key", result.apiKey());
        response.put("project_id", result.project().id().toString());
        response.put("project_slug", result.project().slug());
        response.put("agent_id", result.agent().id().toString());
        response.put("repo_id", result.repo() == null ? null : result.repo().id().toString());
        response.put("canonical_origin", result.canonicalOrigin() == null ? null : result.canonicalOrigin().value());
        response.put("workspace_id", result.repo() == null ? null : result.agent().id().toString());
        response.put("alias", result.agent().alias());
        response.put("created", result.created());
        response.put("workspace_created", result.workspaceCreated());
        response.put("did", result.agent().did());
        response.put("custody", result.agent().custody());
        response.put("lifetime", result.agent().lifetime().wire());
        ctx.json(response);
    }

    private void introspect(Context ctx) {
        Principal principal = auth.project(ctx);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("project_id", principal.project().toString());
        if (principal.mode() == Principal.AuthMode.BEARER) {
            response.put("api_key_id", principal.apiKeyId().toString());
            principal.bound().ifPresent(agent -> putAgent(response, agent));
            if (principal.userId() != null) {
                response.put("user_id", principal.userId().toString());
            }
        } else {
            // the §4.2 order; the principal's key or user, and the actor with its names when it is an agent here
            if (principal.apiKeyId() != null) {
                response.put("api_key_id", principal.apiKeyId().toString());
            }
            if (principal.actor() != null) {
                response.put("agent_id", principal.actor().toString());
                services.get().actors().find(principal).ifPresent(agent -> {
                    response.put("alias", agent.alias());
                    response.put("human_name", agent.humanName());
                    response.put("agent_type", agent.agentType());
                });
            }
            if (principal.userId() != null) {
                response.put("user_id", principal.userId().toString());
            }
        }
        ctx.json(response);
    }

    private static void putAgent(Map<String, Object> response, Agent agent) {
        response.put("agent_id", agent.id().toString());
        response.put("alias", agent.alias());
        response.put("human_name", agent.humanName());
        response.put("agent_type", agent.agentType());
    }

    private void currentProject(Context ctx) {
        Principal principal = auth.project(ctx);
        Project project = services.get().projects().current(principal.project());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("project_id", project.id().toString());
        response.put("slug", project.slug());
        response.put("name", project.name());
        ctx.json(response);
    }

    /** The alias as sent: blank text becomes null before the length rule, as the reference model does. */
    private static String rawAlias(BodyFields body) {
        if (body.body().get("alias") != null && body.body().get("alias").isTextual()
                && body.body().get("alias").asText().isBlank()) {
            return null;
        }
        return trimmed(body.nullableString("alias", AgentRules.MAX_ALIAS_LENGTH, null));
    }

    static String trimmed(String text) {
        return text == null ? null : text.strip();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Characters below U+0020 (and NUL), optionally allowing TAB and LF. */
    static boolean hasControl(String text, boolean allowTabAndNewline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && !(allowTabAndNewline && (c == '\t' || c == '\n'))) {
                return true;
            }
        }
        return false;
    }
}
