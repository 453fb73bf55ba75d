package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.runs.RunStatus;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /projects/{id}/runs} (wire spec agenthub §5): agent runs, newest first, without their patches. */
public final class RunRoutes {

    private final Supplier<AutopilotServices> services;

    public RunRoutes(Supplier<AutopilotServices> services) {
        this.services = services;
    }

    public void register(ApiRoutes api) {
        api.get("/projects/{project_id}/runs", Operation.of("runs",
                        "The project's agent runs, newest first; optional status filter")
                .respond(404, "Project not found").respond(422, "Validation failed"), this::list);
    }

    private void list(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        AutopilotServices s = services.get();
        QueryParams query = new QueryParams(ctx);
        Optional<RunStatus> status = StatusFilter.read(ctx, query, RunStatus.class);
        PageSlice page = s.paging().read(query);
        query.validate();
        ctx.json(s.runs().list(projectId, status, page).stream().map(CatalogJson::run).toList());
    }
}
