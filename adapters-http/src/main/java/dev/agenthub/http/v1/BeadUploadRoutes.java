package dev.agenthub.http.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.beads.BeadIds;
import dev.agenthub.hub.beads.BeadUploads;
import dev.agenthub.hub.beads.BeadsJsonl;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.kernel.text.CodePoints;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /v1/beads/upload} and {@code POST /v1/beads/upload-jsonl} (wire spec §4.6): the upsert engine for
 * a given repo and branch without claim side-effects. The JSON body ignores unknown keys; the JSONL body is
 * {@code text/plain} of at most 10 MiB, parsed under the rules of §5.3.
 */
public final class BeadUploadRoutes {

    static final int MAX_REPO = 255;
    /** Error texts quote this many characters of a bad value. */
    static final int QUOTED = 50;

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public BeadUploadRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/beads/upload", Operation.of("beads", "Upsert bead issues of one repo and branch (no claim side-effects)")
                .respond(401, "Authentication required").respond(413, "Request body too large")
                .respond(422, "Validation failed"), this::upload);
        routes.post("/v1/beads/upload-jsonl", Operation.of("beads", "Upsert a beads JSONL export of one repo and branch")
                .respond(400, "Malformed JSONL / too many issues / nesting too deep")
                .respond(401, "Authentication required").respond(413, "Request body too large")
                .respond(422, "Invalid repo / Invalid branch name"), this::uploadJsonl);
    }

    private void upload(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        String repo = body.requiredString("repo", 1, MAX_REPO);
        if (repo != null && !CanonicalOrigin.isWellFormed(repo)) {
            body.reject("repo", "Invalid repository: must be canonical origin format like github.com/org/repo");
        }
        String branch = body.string("branch", Integer.MAX_VALUE, BeadIds.DEFAULT_BRANCH);
        if (!BeadIds.isValidBranch(branch)) {
            body.reject("branch", "Invalid branch name: " + CodePoints.prefix(branch, QUOTED));
        }
        List<ObjectNode> issues = body.requiredObjectList("issues");
        body.validate();
        if (issues.size() > BeadsJsonl.MAX_RECORDS) { // the JSONL limit (§5.3), for the same upsert
            throw new DomainError.Invalid("Too many issues: exceeds limit of " + BeadsJsonl.MAX_RECORDS, 400);
        }
        // the beads records take the JSON types of the JSONL reader (Long, BigDecimal), as a sync would
        List<Map<String, Object>> records = new java.util.ArrayList<>(issues.size());
        for (int i = 0; i < issues.size(); i++) {
            records.add(record(issues.get(i), i));
        }
        Principal principal = auth.project(ctx);
        respond(ctx, services.get().beadUploads().upload(principal, repo, branch, records, BeadUploads.Source.JSON));
    }

    private void uploadJsonl(Context ctx) {
        String repo = ctx.queryParam("repo");
        if (repo == null) {
            QueryParams query = new QueryParams(ctx);
            query.requiredString("repo");
            query.validate();
        }
        if (repo.isEmpty() || repo.length() > MAX_REPO || !CanonicalOrigin.isWellFormed(repo)) {
            throw new DomainError.Invalid("Invalid repo: " + CodePoints.prefix(repo, QUOTED));
        }
        String branch = ctx.queryParam("branch") == null ? BeadIds.DEFAULT_BRANCH : ctx.queryParam("branch");
        if (!BeadIds.isValidBranch(branch)) {
            throw new DomainError.Invalid("Invalid branch name: " + CodePoints.prefix(branch, QUOTED));
        }
        String payload = ctx.body();
        if (payload.length() > BeadsJsonl.MAX_CHARS && payload.codePointCount(0, payload.length()) > BeadsJsonl.MAX_CHARS) {
            throw new DomainError.Invalid("Request body too large", 413);
        }
        Principal principal = auth.project(ctx);
        List<Map<String, Object>> records = BeadsJsonl.parse(payload);
        respond(ctx, services.get().beadUploads().upload(principal, repo, branch, records, BeadUploads.Source.JSONL));
    }

    /** An issue object as a beads record; 422 when it nests deeper than the reader's recursion limit. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(ObjectNode issue, int index) {
        try {
            return (Map<String, Object>) CompactJson.parse(issue.toString());
        } catch (IllegalArgumentException tooDeep) {
            throw new DomainError.Invalid("JSON nesting too deep in issue " + index + ": exceeds recursion limit");
        }
    }

    private static void respond(Context ctx, BeadUploads.Uploaded uploaded) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "completed");
        response.put("repo", uploaded.repo());
        response.put("branch", uploaded.branch());
        response.put("issues_synced", uploaded.synced());
        response.put("issues_added", uploaded.added());
        response.put("issues_updated", uploaded.updated());
        response.put("conflicts", uploaded.conflicts());
        response.put("conflicts_count", uploaded.conflicts().size());
        response.put("notifications_sent", uploaded.notifications().sent());
        response.put("notifications_failed", uploaded.notifications().failed());
        response.put("synced_at", WireTime.offset(uploaded.syncedAt()));
        ctx.json(response);
    }
}
