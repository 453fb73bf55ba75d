package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pull request reads (wire spec agenthub §5, §14 D3): {@code GET /projects/{id}/pull-requests} and the detail
 * view {@code GET /projects/{id}/pull-requests/{pr}}.
 */
public final class PullRequestRoutes {

    static final String PULL_REQUEST_ID = "pull_request_id";

    private final Supplier<AutopilotServices> services;

    public PullRequestRoutes(Supplier<AutopilotServices> services) {
        this.services = services;
    }

    public void register(ApiRoutes api) {
        api.get("/projects/{project_id}/pull-requests", Operation.of("pull-requests",
                        "The project's pull requests, newest first; optional status filter")
                .respond(404, "Project not found").respond(422, "Validation failed"), this::list);
        api.get("/projects/{project_id}/pull-requests/{" + PULL_REQUEST_ID + "}", Operation.of("pull-requests",
                        "One pull request with its description, timestamps, reviews (oldest first) and forge links")
                .respond(404, "Project not found / Pull request not found").respond(422, "Validation failed"),
                this::detail);
    }

    private void list(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        AutopilotServices s = services.get();
        QueryParams query = new QueryParams(ctx);
        Optional<PullRequestStatus> status = StatusFilter.read(ctx, query, PullRequestStatus.class);
        PageSlice page = s.paging().read(query);
        query.validate();
        ctx.json(s.pullRequests().list(projectId, status, page).stream().map(CatalogJson::pullRequest).toList());
    }

    private void detail(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, PULL_REQUEST_ID);
        AutopilotServices s = services.get();
        var detail = s.pullRequests().detail(ids[0], ids[1]);
        ctx.json(CatalogJson.pullRequestDetail(detail, s.forgeSync().links(detail.pullRequest().id())));
    }
}
