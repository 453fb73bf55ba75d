package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.hub.bdh.BdhCoordination;
import dev.agenthub.hub.bdh.BdhIdentity;
import dev.agenthub.hub.beads.BeadsJsonl;
import dev.agenthub.hub.beads.SyncMode;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.protocol.agents.AgentRules;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /v1/bdh/command} and {@code POST /v1/bdh/sync} (wire spec §4.5): strict bodies (unknown keys are a
 * 422), every body rule checked before authentication, then the use case of {@link BdhCoordination}.
 */
public final class BdhRoutes {

    static final int MAX_REPO_ORIGIN = 2048;
    static final int MAX_COMMAND_LINE = 8192;
    static final int MAX_SYNC_MODE = 32;
    /** The reply's {@code sync_protocol_version}: the request's value is accepted and ignored (§14.3). */
    static final int SYNC_PROTOCOL_VERSION = 1;
    private static final Set<String> IDENTITY_FIELDS = Set.of("workspace_id", "repo_id", "alias", "human_name",
            "repo_origin", "role");
    private static final Set<String> COMMAND_FIELDS = union(IDENTITY_FIELDS, Set.of("command_line"));
    private static final Set<String> SYNC_FIELDS = union(IDENTITY_FIELDS, Set.of("sync_mode", "issues_jsonl",
            "changed_issues", "deleted_ids", "sync_protocol_version", "command_line"));

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    public BdhRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this(services, bodies, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** @param registry where {@code agent_hub_bdh_sync_seconds{mode,result}} is recorded */
    public BdhRoutes(Supplier<CoordinationServices> services, JsonBodies bodies,
                     io.micrometer.core.instrument.MeterRegistry registry) {
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/bdh/command", Operation.of("bdh", "Pre-flight check of a bd command: is its bead claimed by another workspace?")
                .respond(401, "Authentication required").respond(403, "workspace_id does not match API key identity")
                .respond(404, "Workspace not found").respond(410, "Workspace was deleted")
                .respond(422, "Validation failed"), this::command);
        routes.post("/v1/bdh/sync", Operation.of("bdh", "Upload issue changes from bd and apply the command's claim side-effects")
                .respond(400, "Malformed JSONL / too many issues / nesting too deep")
                .respond(401, "Authentication required").respond(403, "workspace_id does not match API key identity")
                .respond(404, "Workspace not found").respond(410, "Workspace was deleted")
                .respond(413, "Request body too large")
                .respond(422, "Validation failed / Invalid repo_origin / sync_mode / missing payload")
                .respond(503, "Concurrent syncs of the same new issues kept colliding"), this::sync);
    }

    private void command(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        BdhIdentity identity = identity(body);
        String commandLine = body.requiredString("command_line", 1, MAX_COMMAND_LINE);
        body.forbidUnknownKeys(COMMAND_FIELDS);
        body.validate();
        Principal principal = auth.project(ctx);
        BdhCoordination.Verdict verdict = services.get().bdh().command(principal, identity, commandLine);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("messages_waiting", 0);
        context.put("beads_in_progress", verdict.beadsInProgress().stream().map(BdhRoutes::inProgress).toList());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("approved", verdict.approved());
        response.put("reason", verdict.reason());
        response.put("context", context);
        ctx.json(response);
    }

    private void sync(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        BdhIdentity identity = identity(body);
        String mode = body.nullableString("sync_mode", MAX_SYNC_MODE, null);
        String issuesJsonl = body.nullableString("issues_jsonl", BeadsJsonl.MAX_CHARS, null);
        String changedIssues = body.nullableString("changed_issues", BeadsJsonl.MAX_CHARS, null);
        List<String> deletedIds = body.body().has("deleted_ids") ? body.requiredStringList("deleted_ids") : List.of();
        body.integer("sync_protocol_version", Long.MIN_VALUE, Long.MAX_VALUE, 0);
        String commandLine = body.nullableString("command_line", MAX_COMMAND_LINE, null);
        body.forbidUnknownKeys(SYNC_FIELDS);
        body.validate();
        SyncMode syncMode = SyncMode.resolve(mode);
        Principal principal = auth.project(ctx);
        io.micrometer.core.instrument.Timer.Sample timing = io.micrometer.core.instrument.Timer.start();
        BdhCoordination.SyncOutcome outcome;
        String result = "error";
        try {
            outcome = services.get().bdh().sync(principal, identity,
                    new BdhCoordination.SyncRequest(syncMode, issuesJsonl, changedIssues,
                            deletedIds == null ? List.of() : deletedIds, commandLine));
            result = "ok";
        } finally {
            timing.stop(io.micrometer.core.instrument.Timer.builder("agent_hub.bdh.sync")
                    .description("POST /v1/bdh/sync: time in the sync use case, by sync mode and result")
                    .tag("mode", syncMode.name().toLowerCase(java.util.Locale.ROOT)).tag("result", result)
                    .register(registry));
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("received", outcome.received());
        stats.put("inserted", outcome.inserted());
        stats.put("updated", outcome.updated());
        stats.put("deleted", outcome.deleted());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("synced", true);
        response.put("issues_count", outcome.issuesCount());
        response.put("context", null);
        response.put("stats", stats);
        response.put("sync_protocol_version", SYNC_PROTOCOL_VERSION);
        response.put("claim_rejected", outcome.claimRejected());
        response.put("claim_rejected_reason", outcome.claimRejectedReason());
        ctx.json(response);
    }

    /**
     * The identity fields of both bodies (§4.5), violations recorded on {@code body}; null when one broke a rule.
     */
    private static BdhIdentity identity(BodyFields body) {
        String workspaceText = body.requiredString("workspace_id", 0, Integer.MAX_VALUE);
        AgentId workspaceId = null;
        if (workspaceText != null) {
            workspaceId = Uuids.parse(workspaceText).map(AgentId::new).orElse(null);
            if (workspaceId == null) {
                body.reject("workspace_id", "Invalid workspace_id format");
            }
        }
        body.nullableString("repo_id", Integer.MAX_VALUE, null);
        String alias = body.requiredString("alias", 1, AgentRules.MAX_ALIAS_LENGTH);
        if (alias != null && !AgentRules.validAlias(alias)) {
            body.reject("alias", "Invalid alias: must be alphanumeric with hyphens/underscores, 1-64 chars");
        }
        String rawHumanName = body.requiredString("human_name", 0, AgentRules.MAX_HUMAN_NAME_LENGTH);
        String humanName = rawHumanName == null ? null : rawHumanName.strip();
        if (humanName != null && !humanName.isEmpty() && !AgentRules.validHumanName(humanName)) {
            body.reject("human_name", "Invalid human_name format");
        }
        String repoOrigin = body.requiredString("repo_origin", 1, MAX_REPO_ORIGIN);
        String role = body.nullableString("role", AgentRules.MAX_ROLE_LENGTH, null);
        if (workspaceId == null || alias == null || humanName == null || repoOrigin == null) {
            return null; // validate() throws
        }
        return new BdhIdentity(workspaceId, alias, humanName, repoOrigin, role);
    }

    private static Map<String, Object> inProgress(Claim claim) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bead_id", claim.beadId());
        view.put("workspace_id", claim.workspace().toString());
        view.put("alias", claim.alias());
        view.put("human_name", claim.humanName());
        view.put("started_at", WireTime.offset(claim.claimedAt()));
        view.put("title", null);
        view.put("role", null);
        return view;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
