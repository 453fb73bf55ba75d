package dev.agenthub.http.autopilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.JsonMapping;
import dev.agenthub.orchestration.forge.Forge;
import dev.agenthub.orchestration.forge.SyncRequest;
import dev.agenthub.orchestration.forge.SyncResult;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Forge sync of one pull request (wire spec agenthub §5, §10, §14 D6):
 * {@code POST /projects/{project_id}/pull-requests/{pr_id}/github/sync} and {@code …/gitlab/sync}. Every body field
 * is optional, so an empty body reads as {@code {}}.
 */
public final class ForgeSyncRoutes {

    private final Supplier<AutopilotServices> services;
    private final JsonBodies bodies;
    private final ObjectMapper mapper = JsonMapping.objectMapper();

    public ForgeSyncRoutes(Supplier<AutopilotServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        String pr = "/projects/{project_id}/pull-requests/{" + CycleRoutes.PR_ID + "}";
        routes.post(pr + "/github/sync", Operation.of("pull-requests", "Create or update the pull request on GitHub, "
                                + "comment on an issue once, and post the commit status (idempotent)")
                        .respond(404, "Project not found / Pull request not found")
                        .respond(409, "Another sync of this pull request is in progress")
                        .respond(422, "Validation failed, a repo_url that is not owner/repo, or GITHUB_TOKEN missing")
                        .respond(502, "GitHub API request failed [<status>] <METHOD> <url>: <detail>"),
                ctx -> sync(ctx, Forge.GITHUB));
        routes.post(pr + "/gitlab/sync", Operation.of("pull-requests", "Create or update the merge request on GitLab, "
                                + "note on an issue once, and post the commit status (idempotent)")
                        .respond(404, "Project not found / Pull request not found")
                        .respond(409, "Another sync of this pull request is in progress")
                        .respond(422, "Validation failed, a repo_url without group/project, or GITLAB_TOKEN missing")
                        .respond(502, "GitLab API request failed [<status>] <METHOD> <url>: <detail>"),
                ctx -> sync(ctx, Forge.GITLAB));
    }

    private void sync(Context ctx, Forge forge) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, CycleRoutes.PR_ID);
        BodyFields fields = ctx.body().isBlank() ? new BodyFields(mapper.createObjectNode(), mapper) : bodies.fields(ctx);
        Optional<Long> issue = fields.nullableInteger(forge == Forge.GITHUB ? "issue_number" : "issue_iid", 1,
                Long.MAX_VALUE);
        String comment = fields.nullableString("comment_body", Integer.MAX_VALUE, null);
        String context = fields.string("status_context", Integer.MAX_VALUE, SyncRequest.DEFAULT_CONTEXT);
        String description = fields.string("status_description", Integer.MAX_VALUE, SyncRequest.DEFAULT_DESCRIPTION);
        String targetUrl = fields.nullableString("target_url", Integer.MAX_VALUE, null);
        fields.validate();
        SyncResult result = services.get().forgeSync().sync(forge, ids[0], ids[1], new SyncRequest(issue,
                Optional.ofNullable(comment), context, description, Optional.ofNullable(targetUrl)));
        ctx.json(json(result));
    }

    /** The §10 response plus {@code created} (§14 D6). */
    static Map<String, Object> json(SyncResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (result.forge() == Forge.GITHUB) {
            json.put("owner", result.repo().owner());
            json.put("repo", result.repo().name());
            json.put("github_pr_number", result.number());
            json.put("github_pr_url", result.url().orElse(null));
        } else {
            json.put("project_path", result.repo().path());
            json.put("gitlab_mr_iid", result.number());
            json.put("gitlab_mr_url", result.url().orElse(null));
        }
        json.put("commit_status_state", result.commitStatusState().orElse(null));
        json.put("created", result.created());
        return json;
    }
}
