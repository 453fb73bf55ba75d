package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.policy.AutomationPolicies;
import dev.agenthub.orchestration.policy.PolicyChanges;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A project's automation policy (wire spec agenthub §5): {@code GET/PATCH /projects/{project_id}/policy},
 * {@code GET …/policy/revisions} and {@code POST …/policy/revisions/{revision_id}/restore}. Changes are recorded
 * with {@code changed_by} from {@link AutopilotCallers}.
 */
public final class AutomationPolicyRoutes {

    private final Supplier<AutopilotServices> services;
    private final JsonBodies bodies;

    public AutomationPolicyRoutes(Supplier<AutopilotServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.get("/projects/{project_id}/policy", Operation.of("policy",
                                "The project's automation policy (created on demand)")
                        .respond(404, "Project not found")
                        .respond(422, "Invalid project id"),
                this::get);
        routes.patch("/projects/{project_id}/policy", Operation.of("policy",
                                "Change the automation policy; always records a revision")
                        .respond(404, "Project not found")
                        .respond(422, "Validation failed"),
                this::update);
        routes.get("/projects/{project_id}/policy/revisions", Operation.of("policy",
                                "The policy's revisions, newest first")
                        .respond(404, "Project not found")
                        .respond(422, "Invalid project id, limit or offset"),
                this::revisions);
        routes.post("/projects/{project_id}/policy/revisions/{revision_id}/restore", Operation.of("policy",
                                "Copy a revision's settings onto the policy, recording a new revision")
                        .respond(404, "Project not found / Policy revision not found")
                        .respond(422, "Invalid project or revision id"),
                this::restore);
    }

    private void get(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        ctx.json(AutopilotJson.policy(services.get().policies().get(projectId)));
    }

    private void update(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        BodyFields fields = bodies.fields(ctx);
        Optional<Boolean> autoTriage = fields.nullableBool("auto_triage");
        Optional<Boolean> autoAssign = fields.nullableBool("auto_assign");
        Optional<Boolean> autoReview = fields.nullableBool("auto_review");
        Optional<Boolean> autoMerge = fields.nullableBool("auto_merge");
        Optional<Long> approvals = fields.nullableInteger("min_review_approvals", 1, 10);
        Optional<Boolean> requireTestPass = fields.nullableBool("require_test_pass");
        String reason = fields.nullableString("change_reason", AutomationPolicies.MAX_REASON, null);
        fields.validate();
        PolicyChanges changes = new PolicyChanges(autoTriage, autoAssign, autoReview, autoMerge,
                approvals.map(Long::intValue), requireTestPass);
        ctx.json(AutopilotJson.policy(services.get().policies().update(projectId, changes,
                AutopilotCallers.of(ctx).policyChangedBy(), reason)));
    }

    private void revisions(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        AutopilotServices s = services.get();
        PageSlice page = s.paging().page(ctx);
        ctx.json(s.policies().revisions(projectId, page).stream().map(AutopilotJson::revision).toList());
    }

    private void restore(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, "revision_id");
        ctx.json(AutopilotJson.policy(services.get().policies().restore(ids[0], ids[1],
                AutopilotCallers.of(ctx).policyChangedBy())));
    }
}
