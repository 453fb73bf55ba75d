package dev.agenthub.http.autopilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.JsonMapping;
import dev.agenthub.http.support.RequestContext;
import dev.agenthub.orchestration.cycle.AutopilotRun;
import dev.agenthub.orchestration.pulls.PullRequestActions;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /projects/{project_id}/autopilot/run} (wire spec agenthub §5, §6) and the human PR actions
 * {@code POST …/pull-requests/{pr_id}/approve|request-changes|merge|close} (§14 D3).
 */
public final class CycleRoutes {

    static final String PR_ID = "pr_id";

    private final Supplier<AutopilotServices> services;
    private final JsonBodies bodies;
    private final ObjectMapper mapper = JsonMapping.objectMapper();

    public CycleRoutes(Supplier<AutopilotServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.post("/projects/{project_id}/autopilot/run",
                Operation.of("autopilot", "Run one autopilot cycle synchronously")
                        .respond(404, "Project not found")
                        .respond(409, "No active coder agent available.")
                        .respond(422, "Validation failed, or an unsupported provider (string detail)"),
                this::run);
        String pr = "/projects/{project_id}/pull-requests/{pr_id}";
        routes.post(pr + "/approve", Operation.of("pull-requests", "Approve a pull request as a human reviewer; "
                                + "merges at once when the gate passes and auto-merge is on")
                        .respond(404, "Project not found / Pull request not found")
                        .respond(409, "Pull request is not open"),
                this::approve);
        routes.post(pr + "/request-changes", Operation.of("pull-requests", "Request changes on a pull request")
                        .respond(404, "Project not found / Pull request not found")
                        .respond(409, "Pull request is not open"),
                this::requestChanges);
        routes.post(pr + "/merge", Operation.of("pull-requests", "Merge a pull request when the gate passes "
                                + "(override_gates needs admin)")
                        .respond(403, "Insufficient role. Requires one of: admin")
                        .respond(404, "Project not found / Pull request not found")
                        .respond(409, "Pull request is not open / Merge blocked: <reasons> / Merge failed: <error>"),
                this::merge);
        routes.post(pr + "/close", Operation.of("pull-requests", "Close a pull request; its item returns to the backlog")
                        .respond(404, "Project not found / Pull request not found")
                        .respond(409, "Pull request is not open"),
                this::close);
    }

    private void run(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        BodyFields fields = bodies.fields(ctx);
        int maxItems = (int) fields.integer("max_items", AutopilotRun.MIN_ITEMS, AutopilotRun.MAX_ITEMS,
                AutopilotRun.DEFAULT_ITEMS);
        String provider = fields.nullableString("provider", 80, null);
        fields.validate();
        ctx.json(CycleJson.run(services.get().autopilotRun().run(projectId, maxItems, Optional.ofNullable(provider),
                RequestContext.of(ctx).requestId())));
    }

    private void approve(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, PR_ID);
        BodyFields fields = lenientFields(ctx);
        String comment = fields.string("comment", 4000, "");
        fields.validate();
        ctx.json(CycleJson.action(actions().approve(ids[0], ids[1], comment, AutopilotCallers.of(ctx))));
    }

    private void requestChanges(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, PR_ID);
        BodyFields fields = lenientFields(ctx);
        String comment = fields.requiredString("comment", 1, 4000);
        fields.validate();
        ctx.json(CycleJson.action(actions().requestChanges(ids[0], ids[1], comment, AutopilotCallers.of(ctx))));
    }

    private void merge(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, PR_ID);
        BodyFields fields = lenientFields(ctx);
        boolean override = fields.bool("override_gates", false);
        fields.validate();
        ctx.json(CycleJson.action(actions().merge(ids[0], ids[1], override, AutopilotCallers.of(ctx))));
    }

    private void close(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, PR_ID);
        BodyFields fields = lenientFields(ctx);
        String reason = fields.string("reason", 500, "");
        fields.validate();
        ctx.json(CycleJson.action(actions().close(ids[0], ids[1], reason, AutopilotCallers.of(ctx))));
    }

    private PullRequestActions actions() {
        return services.get().pullRequestActions();
    }

    /** The D3 bodies have a default for every field, so an empty body reads as {@code {}}. */
    private BodyFields lenientFields(Context ctx) {
        return ctx.body().isBlank() ? new BodyFields(mapper.createObjectNode(), mapper) : bodies.fields(ctx);
    }
}
